package se.companydata.gateway.diagnostics;

import java.util.ArrayList;
import java.util.List;
import se.companydata.gateway.security.ConnectionCheck;

/** The self-test's answer for a person: plain text (curl) or a small HTML page. */
public final class ConnectionPage {

    private ConnectionPage() {
    }

    static List<String[]> rows(ConnectionCheck.Report r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Ready to call the API", r.ready() ? "yes" : "no"});
        if (r.certificate() != null) {
            rows.add(new String[] {"Certificate", r.certificate().subject()});
            rows.add(new String[] {"Issued by", r.certificate().issuer()});
            rows.add(new String[] {"Valid until", r.certificate().notAfter() + " (" + r.certificate().daysLeft() + " days left)"});
        }
        rows.add(new String[] {"Trusted by the gateway", (r.trust().trusted() ? "yes" : "no (" + r.trust().problem() + ")") + ": " + r.trust().explanation()});
        if (r.organisation() != null) {
            rows.add(new String[] {"Organisationsnummer", r.organisation().organisationsnummer() != null
                    ? r.organisation().organisationsnummer() + ", from " + r.organisation().attribute() + " = " + r.organisation().value()
                    : "none: " + r.organisation().noneBecause()});
        }
        if (r.registration() == null && r.organisation() != null && r.organisation().organisationsnummer() != null) {
            rows.add(new String[] {"E-service", "shown once the gateway trusts the certificate"});
        }
        if (r.registration() != null) {
            var reg = r.registration();
            rows.add(new String[] {"E-service", reg.explanation()});
            if (Boolean.TRUE.equals(reg.registered())) {
                rows.add(new String[] {"Items", String.join(", ", reg.items())});
                rows.add(new String[] {"Use areas", reg.useAreas().isEmpty() ? "none approved" : String.join(", ", reg.useAreas())});
                rows.add(new String[] {"Rate limit", reg.ratePerSecond() + " per second, burst " + reg.burst()});
            }
            if (reg.yourRegisteredServices() != null) {
                rows.add(new String[] {"Your registered e-services", reg.yourRegisteredServices().isEmpty() ? "none" : String.join(", ", reg.yourRegisteredServices())});
            }
        }
        for (String step : r.nextSteps()) {
            rows.add(new String[] {"Next", step});
        }
        return rows;
    }

    public static String text(ConnectionCheck.Report report) {
        StringBuilder out = new StringBuilder("Company-data gateway: connection self-test\n\n");
        for (String[] row : rows(report)) {
            out.append(String.format("%-28s %s%n", row[0] + ":", row[1]));
        }
        return out.toString();
    }

    public static String html(ConnectionCheck.Report report) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Connection self-test</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em}th{text-align:left;padding-right:1em;vertical-align:top}"
                + ".yes{color:#1a7f37}.no{color:#b42318}</style></head><body>\n<h1>Connection self-test</h1>\n<p class=\""
                + (report.ready() ? "yes\">Your certificate and e-service are ready to call the API." : "no\">Not ready yet: see below.")
                + "</p>\n<table>\n");
        for (String[] row : rows(report)) {
            out.append("<tr><th>").append(escape(row[0])).append("</th><td>").append(escape(row[1])).append("</td></tr>\n");
        }
        return out.append("</table>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
