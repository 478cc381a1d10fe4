package se.companydata.gateway.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script the replicas run in Redis, by its SHA-1 ({@code EVALSHA}: Redis keeps what it has run once, so the
 * source crosses the network only after Redis started empty), and by {@code name} in the metric of its round trips.
 */
public record Script(String name, String lua, String sha1) {

    public static Script of(String name, String lua) {
        try {
            return new Script(name, lua, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
