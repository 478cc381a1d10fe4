package se.companydata.gateway.audit.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import se.companydata.gateway.audit.AuditSource;
import se.companydata.gateway.audit.journal.JournalSource;
import se.companydata.gateway.audit.postgres.PostgresSource;
import se.companydata.gateway.audit.report.DisclosureRegister;
import se.companydata.gateway.audit.report.ReportPeriod;
import se.companydata.gateway.audit.report.ServiceLevelPage;
import se.companydata.gateway.audit.report.ServiceLevelReport;

/** The register and report commands of {@link AuditAdmin} (kept apart: they need Jackson, the verifier does not). */
public final class AuditReports {

    private AuditReports() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    static int run(AuditAdmin.Options options, PrintStream out) throws Exception {
        ObjectMapper json = mapper();
        AuditSource source = options.one("jdbc") != null
                ? new PostgresSource(() -> AuditAdmin.connect(options))
                : new JournalSource(options.all("journal").stream().map(Path::of).toList());
        String format = options.one("format");
        if (options.command().equals("register")) {
            DisclosureRegister.Register register = DisclosureRegister.of(options.required("subject"),
                    ReportPeriod.instant(options.one("from"), Instant.EPOCH), ReportPeriod.instant(options.one("to"), Instant.now()), source, json);
            out.print(format == null || format.equals("json") ? json.writerWithDefaultPrettyPrinter().writeValueAsString(register) + "\n"
                    : csvOrFail(format, register));
        } else {
            Instant from = ReportPeriod.instant(options.one("from"), ReportPeriod.monthStart());
            ServiceLevelReport.Report report = ServiceLevelReport.of(from, ReportPeriod.instant(options.one("to"), Instant.now()), source, json);
            if (format == null || format.equals("json")) {
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else if (format.equals("html")) {
                out.print(ServiceLevelPage.render(report));
            } else {
                throw new IllegalArgumentException("--format json or html");
            }
        }
        return 0;
    }

    private static String csvOrFail(String format, DisclosureRegister.Register register) {
        if (!format.equals("csv")) {
            throw new IllegalArgumentException("--format json or csv");
        }
        return DisclosureRegister.csv(register);
    }

}
