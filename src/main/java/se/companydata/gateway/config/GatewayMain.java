package se.companydata.gateway.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's entry point. In the production profile it first checks what a start needs
 * ({@link StartupCheck}) and, if anything is missing, prints one list of all of it and exits 2
 * before Quarkus starts. {@code --check} runs only the check (exit 0 when all is in place).
 */
@QuarkusMain
public final class GatewayMain {

    GatewayMain() {
    }

    public static void main(String... args) throws Exception {
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
