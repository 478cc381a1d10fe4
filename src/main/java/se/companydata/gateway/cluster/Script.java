package se.companydata.gateway.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script the replicas run in Redis, by its SHA-1 ({@code EVALSHA}: Redis keeps what it has run once, so the
 * source crosses the network only after Redis started empty), and by {@code name} in the metric of its round trips.
 */
public final class Script {

    private final String name;
    private final String lua;
    private final String sha1;

    private Script(String name, String lua) {
        this.name = name;
        this.lua = lua;
        try {
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    public static Script of(String name, String lua) {
        return new Script(name, lua);
    }

    public String name() {
        return name;
    }

    public String lua() {
        return lua;
    }

    public String sha1() {
        return sha1;
    }
}
