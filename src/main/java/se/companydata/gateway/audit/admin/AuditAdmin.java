package se.companydata.gateway.audit.admin;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalVerifier;
import se.companydata.gateway.audit.journal.JournalRetention;
import se.companydata.gateway.audit.postgres.PostgresRetention;
import se.companydata.gateway.audit.postgres.PostgresVerifier;
import se.companydata.gateway.audit.report.ReportPeriod;

/**
 * The operator's audit commands, on either store, without starting the gateway:
 * <pre>
 * java -cp 'quarkus-app/app/*:quarkus-app/lib/main/*' se.companydata.gateway.audit.AuditAdmin COMMAND STORE [OPTIONS]
 *   STORE: --journal DIR [--journal DIR]…  |  --jdbc URL  (user and password from PGUSER / PGPASSWORD)
 *   verify     [--anchors LOG]… [--signer CERT.pem]… [--writer NAME]   exit 1 when the trail does not verify
 *   register   --subject ID [--from DATE] [--to DATE] [--format json|csv]
 *   report     [--from DATE] [--to DATE] [--format json|html]
 *   retention  --older-than PERIOD --export DIR     (PostgreSQL: as the maintenance role)
 * </pre>
 * DATE is {@code 2026-11-01} (midnight, Europe/Stockholm) or an instant; PERIOD is ISO 8601 ({@code P2Y}, {@code P400D}).
 * {@code verify --journal} needs only the JDK; the other commands need the libraries in {@code lib/main}.
 */
public final class AuditAdmin {

    static final ZoneId SWEDEN = ReportPeriod.SWEDEN;

    /** Options as given: every value of every {@code --name}. */
    record Options(String command, Map<String, List<String>> values) {

        String one(String name) {
            List<String> v = values.getOrDefault(name, List.of());
            if (v.size() > 1) {
                throw new IllegalArgumentException("--" + name + " given more than once");
            }
            return v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String required(String name) {
            String v = one(name);
            if (v == null) {
                throw new IllegalArgumentException(command + " needs --" + name);
            }
            return v;
        }
    }

    private AuditAdmin() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar quarkus-run.jar audit verify|register|report|retention (--journal DIR… | --jdbc URL) [options];"
                    + " see docs/audit.md \"The operator's commands\"");
            return 2;
        }
        try {
            return switch (options.command()) {
                case "verify" -> verify(options, out);
                case "register", "report" -> AuditReports.run(options, out);
                case "retention" -> retention(options, out);
                default -> throw new IllegalArgumentException("unknown command '" + options.command() + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option VALUE at '" + args[i] + "'");
            }
            values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        Options options = new Options(args[0], values);
        if (options.all("journal").isEmpty() == (options.one("jdbc") == null)) {
            throw new IllegalArgumentException("name the store: --journal DIR (one or more) or --jdbc URL");
        }
        return options;
    }

    private static int verify(Options options, PrintStream out) throws Exception {
        List<AuditAnchor> anchors = new ArrayList<>();
        for (String file : options.all("anchors")) {
            anchors.addAll(AuditAnchor.read(Path.of(file)));
        }
        List<PublicKey> signers = new ArrayList<>();
        for (String file : options.all("signer")) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    signers.add(((X509Certificate) certificate).getPublicKey());
                }
            }
        }
        Map<String, AuditAnchor> newest = new HashMap<>();
        for (AuditAnchor anchor : anchors) {
            String problem = anchor.problem(signers);
            if (problem != null) {
                out.println("FAILED: " + problem);
                return 1;
            }
            newest.merge(anchor.writer(), anchor, (a, b) -> b.seq() > a.seq() || b.seq() == a.seq() && b.time().isAfter(a.time()) ? b : a);
        }
        boolean ok = true;
        if (options.one("jdbc") != null) {
            try (Connection c = connect(options)) {
                VerificationResult result = PostgresVerifier.verify(c, newest);
                out.println((result.ok() ? "OK: " : "FAILED: ") + result.message());
                ok = result.ok();
            }
        } else {
            for (String directory : options.all("journal")) {
                String writer = options.one("writer");
                if (writer == null && newest.size() == 1) {
                    writer = newest.keySet().iterator().next();
                } else if (writer == null && newest.size() > 1) {
                    throw new IllegalArgumentException("the anchors name " + newest.keySet() + ": say which writer wrote " + directory + " with --writer");
                }
                VerificationResult result = JournalVerifier.verify(Path.of(directory), writer == null ? null : newest.get(writer));
                out.println((result.ok() ? "OK: " : "FAILED: ") + directory + ": " + result.message());
                ok &= result.ok();
            }
        }
        if (signers.isEmpty() && !anchors.isEmpty()) {
            out.println("note: anchor signatures checked against the keys they carry; give --signer CERT.pem to pin the gateway's key");
        }
        return ok ? 0 : 1;
    }

    private static int retention(Options options, PrintStream out) throws Exception {
        Instant cutBefore = olderThan(options.required("older-than"));
        Path export = Path.of(options.required("export"));
        List<JournalRetention.Removed> removed = new ArrayList<>();
        if (options.one("jdbc") != null) {
            try (Connection c = connect(options)) {
                removed.addAll(PostgresRetention.run(c, cutBefore, export));
            }
        } else {
            for (String directory : options.all("journal")) {
                removed.addAll(JournalRetention.journal(Path.of(directory), cutBefore, export));
            }
        }
        long total = 0;
        for (JournalRetention.Removed r : removed) {
            out.println("removed " + r.records() + " records of " + r.writer() + " (seq " + r.fromSeq() + " to " + r.toSeq() + "), exported to " + r.exportedTo());
            total += r.records();
        }
        out.println("retention: " + total + " records older than " + cutBefore + " exported and removed");
        return 0;
    }

    static Instant olderThan(String period) {
        String p = period.toUpperCase();
        if (p.contains("T")) {
            return Instant.now().minus(Duration.parse(p));
        }
        return LocalDate.now(SWEDEN).minus(Period.parse(p)).atStartOfDay(SWEDEN).toInstant();
    }

    static Connection connect(Options options) throws SQLException {
        Properties credentials = new Properties();
        String user = System.getenv("PGUSER");
        String password = System.getenv("PGPASSWORD");
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return DriverManager.getConnection(options.required("jdbc"), credentials);
    }
}
