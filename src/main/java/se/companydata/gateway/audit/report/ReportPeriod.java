package se.companydata.gateway.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A report's period as operators write its bounds: dates are Swedish days. */
public final class ReportPeriod {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private ReportPeriod() {
    }

    /**
     * A period's bound: a date ({@code 2026-11-01}, midnight in Sweden) or an instant; {@code otherwise} when absent.
     * @throws java.time.format.DateTimeParseException when it is neither
     */
    public static Instant instant(String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(SWEDEN).toInstant() : Instant.parse(value);
    }

    /** Midnight (Sweden) of the first day of the current month: a report's default start. */
    public static Instant monthStart() {
        return LocalDate.now(SWEDEN).withDayOfMonth(1).atStartOfDay(SWEDEN).toInstant();
    }
}
