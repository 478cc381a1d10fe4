package se.companydata.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.companydata.gateway.cluster.ClusterConfig;
import se.companydata.gateway.cluster.SharedState;

/**
 * A real Redis server for the tests (Debian's {@code redis-server}, with its {@code redis-cli}; .ci/run installs it), on loopback and a free
 * port, without persistence, in a directory of its own. A test can kill it (as a crash would: SIGKILL) and start it
 * again on the same port. Each test that starts one stops it.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Path directory;
    private Process process;

    private RedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /** Whether Redis's server is installed here (tests that need it are skipped, saying so, where it is not). */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public static RedisServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RedisServer server = new RedisServer(port, Files.createTempDirectory("gateway-redis-"));
        server.restart();
        return server;
    }

    /**
     * One replica's view of this server, its client configured as the gateway's is (64 connections, 1024 waiting)
     * and warmed as at the gateway's start.
     */
    public SharedState replica(Vertx vertx, int replicas, Duration probeInterval) {
        return replica(vertx, replicas, probeInterval, new SimpleMeterRegistry());
    }

    /** As above, its metrics in {@code metrics}. */
    public SharedState replica(Vertx vertx, int replicas, Duration probeInterval, MeterRegistry metrics) {
        io.vertx.mutiny.core.Vertx mutiny = new io.vertx.mutiny.core.Vertx(vertx);
        Redis client = Redis.createClient(mutiny, new RedisOptions().setConnectionString(url()).setMaxPoolSize(64).setMaxPoolWaiting(1024));
        SharedState shared = new SharedState(new ReactiveRedisDataSourceImpl(mutiny, client, RedisAPI.api(client)), new ClusterConfig() {
            @Override
            public int replicas() {
                return replicas;
            }

            @Override
            public Duration timeout() {
                return Duration.ofMillis(250);
            }

            @Override
            public Duration probeInterval() {
                return probeInterval;
            }

            @Override
            public String keyPrefix() {
                return "test";
            }
        }, vertx, metrics);
        shared.warm().await().atMost(Duration.ofSeconds(10));
        return shared;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The server process's id (to pin it to a core, or read its CPU time). */
    public synchronized long pid() {
        return process.pid();
    }

    /** Starts the server (again) on its port, with nothing in it; returns once it answers PING. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no",
                // DEBUG SLEEP from loopback: a test makes Redis slow for a moment, as a busy or paused server is.
                "--enable-debug-command", "local", "--dir", directory.toString(), "--loglevel", "warning"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (answers()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s; see " + directory.resolve("redis.log"));
    }

    /** Stops it as a crash would (SIGKILL): no goodbye to its clients. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The keys it holds ({@code redis-cli --scan}). */
    public List<String> keys() throws IOException, InterruptedException {
        return cli("--scan").lines().filter(line -> !line.isBlank()).toList();
    }

    /** What {@code redis-cli} prints for one command against this server. */
    public String cli(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        cli.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    private boolean answers() throws IOException, InterruptedException {
        return cli("PING").startsWith("PONG");
    }

    @Override
    public synchronized void close() throws InterruptedException {
        kill();
    }
}
