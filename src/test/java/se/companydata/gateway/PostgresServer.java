package se.companydata.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests (Debian's package: {@code apt-get install postgresql}; .ci/run
 * installs it), on loopback and a free port, in a fresh cluster under the temp directory. Started once
 * per test JVM and stopped when it ends. As root, the server runs as the {@code postgres} user (it
 * refuses to run as root). The audit roles exist as the README prescribes: an owner for migrations,
 * {@code audit_writer} (the gateway: INSERT and SELECT) and {@code audit_maintenance} (retention: DELETE).
 */
public final class PostgresServer {

    public static final String SUPERUSER_PASSWORD = "test-superuser";
    public static final String OWNER = "audit_owner";
    public static final String WRITER = "audit_writer";
    public static final String MAINTENANCE = "audit_maintenance";
    public static final String PASSWORD = "test-password";

    private static PostgresServer shared;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asRoot;

    private PostgresServer(Path bin) throws IOException {
        this.bin = bin;
        this.root = Files.createTempDirectory("gateway-postgres-");
        this.data = root.resolve("data");
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    /** The test JVM's server, started on first use. */
    public static synchronized PostgresServer shared() throws Exception {
        if (shared == null) {
            Path bin = binaries();
            if (bin == null) {
                throw new IllegalStateException("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql");
            }
            PostgresServer server = new PostgresServer(bin);
            server.initialise();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            shared = server;
        }
        return shared;
    }

    /** The newest installed server's bin directory, or null. */
    static Path binaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0")))).orElse(null);
        }
    }

    private void initialise() throws Exception {
        Path password = root.resolve("superuser.pw");
        Files.writeString(password, SUPERUSER_PASSWORD);
        if (asRoot) {
            run("chown", "-R", "postgres", root.toString());
        }
        pg("initdb", "-D", data.toString(), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + password, "-E", "UTF8", "--no-locale", "--no-sync");
    }

    public void start() throws Exception {
        pg("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + root + " -c max_connections=200", "start");
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER, WRITER, MAINTENANCE)) {
                if (!s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").next()) {
                    s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
            }
        }
    }

    /** A fast shutdown: connections are cut, as when a database fails over or is restarted. */
    public void stop() throws Exception {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** A fresh database owned by the audit owner, for one test class. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " OWNER " + OWNER);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", SUPERUSER_PASSWORD);
    }

    public Connection as(String role, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), role, PASSWORD);
    }

    /** The gateway's configuration for the PostgreSQL store in {@code database}, writing as {@code writer}. */
    public Map<String, String> gatewayConfig(String database, String writer) {
        Map<String, String> config = new HashMap<>();
        config.put("gateway.audit.store", "postgresql");
        config.put("gateway.audit.writer", writer);
        config.put("quarkus.datasource.active", "true");
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", WRITER);
        config.put("quarkus.datasource.password", PASSWORD);
        config.put("quarkus.flyway.username", OWNER);
        config.put("quarkus.flyway.password", PASSWORD);
        return config;
    }

    private void destroy() {
        try {
            stop();
        } catch (Exception ignored) {
            // already stopped
        }
        try {
            TestFiles.deleteRecursively(root);
        } catch (IOException ignored) {
            // temp directory
        }
    }

    private void pg(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** A {@code @QuarkusTestResource} giving a test class its own database and the gateway's PostgreSQL store configuration. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private String database = "audit_test";
        private String writer = "test-writer";

        @Override
        public void init(Map<String, String> args) {
            database = args.getOrDefault("database", database);
            writer = args.getOrDefault("writer", writer);
        }

        @Override
        public Map<String, String> start() {
            try {
                PostgresServer server = shared();
                server.createDatabase(database);
                return server.gatewayConfig(database, writer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            // the server is the JVM's; its shutdown hook stops it
        }
    }
}
