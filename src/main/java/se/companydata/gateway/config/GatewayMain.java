package se.companydata.gateway.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import se.companydata.gateway.audit.admin.AuditAdmin;

/**
 * The gateway's entry point. In the production profile it first checks what a start needs
 * ({@link StartupCheck}) and, if anything is missing, prints one list of all of it and exits 2
 * before Quarkus starts. {@code --check} runs only the check (exit 0 when all is in place); {@code audit …} runs the
 * operator's audit command ({@link AuditAdmin}: verify, register, report, retention) without starting the gateway.
 */
@QuarkusMain
public final class GatewayMain {

    /** {@code java -jar quarkus-run.jar audit verify --journal DIR}: docs/audit.md "The operator's commands". */
    static final String AUDIT_COMMAND = "audit";

    GatewayMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0 && args[0].equals(AUDIT_COMMAND)) {
            System.exit(AuditAdmin.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        boolean checkOnly = args.length > 0 && args[0].equals("--check");
        String profile = StartupCheck.profile();
        Function<String, Optional<String>> config = StartupCheck.configuration(profile);
        if (checkOnly || profile.equals("prod") && StartupCheck.enabled(config)) {
            List<StartupCheck.Problem> problems = StartupCheck.problems(config);
            // What is optional and not set up is said after the verdict, never a reason not to start.
            List<String> notes = StartupCheck.notes(config);
            if (checkOnly) {
                boolean ok = StartupCheck.report(problems, System.out);
                notes.forEach(note -> System.out.println("Note: " + note));
                System.exit(ok ? 0 : 1);
            }
            if (!problems.isEmpty()) {
                StartupCheck.report(problems, System.err);
                notes.forEach(note -> System.err.println("Note: " + note));
                System.exit(2);
            }
            notes.forEach(note -> System.err.println("Note: " + note));
        }
        Quarkus.run(args);
    }
}
