package se.companydata.gateway.sandbox;

import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The simulated producers' idle-connection policy ({@code gateway.sandbox.<producer>.idle-close}):
 * connections that carried no request for that long are closed, as real producers and their load
 * balancers do. Weak keys: a connection the client closed itself is forgotten with it.
 */
final class IdleConnections {

    private static final class State {
        final Duration idleClose;
        int inFlight;
        long lastActive = System.nanoTime();

        State(Duration idleClose) {
            this.idleClose = idleClose;
        }

        boolean idleTooLong(long now) {
            return inFlight == 0 && now - lastActive >= idleClose.toNanos();
        }
    }

    private final Map<HttpConnection, State> connections = new WeakHashMap<>();

    /**
     * Called as a request arrives. Returns false, having closed the connection, when the connection was
     * already idle past the limit: the request crossed the producer's close and is lost with it.
     */
    synchronized boolean admit(HttpConnection connection, Duration idleClose) {
        State state = connections.computeIfAbsent(connection, c -> new State(idleClose));
        if (state.idleTooLong(System.nanoTime())) {
            connections.remove(connection);
            connection.close();
            return false;
        }
        state.inFlight++;
        return true;
    }

    synchronized void finished(HttpConnection connection) {
        State state = connections.get(connection);
        if (state != null) {
            state.inFlight = Math.max(0, state.inFlight - 1);
            state.lastActive = System.nanoTime();
        }
    }

    /** Closes every connection idle past its limit (run periodically). */
    synchronized void closeIdle() {
        long now = System.nanoTime();
        connections.entrySet().removeIf(entry -> {
            if (entry.getValue().idleTooLong(now)) {
                entry.getKey().close();
                return true;
            }
            return false;
        });
    }
}
