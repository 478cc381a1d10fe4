package se.companydata.gateway.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The value of one item exactly as its producer gave it: every leaf is the producer's own string,
 * never reformatted, so the merged answer is the producers' data unchanged.
 */
public sealed interface ItemValue {

    /** A single string: a name, a date, an e-mail, Ja/Nej, a count. */
    record Text(@JsonValue String text) implements ItemValue {
    }

    /** A person's name as the population register holds it. */
    record PersonName(String givenName, String surname) implements ItemValue {
    }

    /** A code with its text: legal form, company form, municipality, county, size class. */
    record Coded(String code, String text) implements ItemValue {
    }

    record CodedList(@JsonValue List<Coded> entries) implements ItemValue {
        public CodedList {
            entries = List.copyOf(entries);
        }
    }

    record TextList(@JsonValue List<String> entries) implements ItemValue {
        public TextList {
            entries = List.copyOf(entries);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Address(String careOf, String street, String postalCode, String city, String country,
                   Coded municipality, Coded county) implements ItemValue {
    }

    record FiscalYear(String fromMonth, String fromDay, String toMonth, String toDay) implements ItemValue {
    }

    /**
     * An ongoing proceeding (konkurs, likvidation, rekonstruktion, fusion…), or, with
     * {@code deregistrationReason}, why a deregistered company left the register (SSBTGU's
     * {@code AvvecklingAvfordAnledning}); {@code fromDate} is then the deregistration date.
     */
    record Proceeding(String code, String text, String fromDate, boolean deregistrationReason) {
        public Proceeding(String code, String text, String fromDate) {
            this(code, text, fromDate, false);
        }
    }

    record Proceedings(@JsonValue List<Proceeding> entries) implements ItemValue {
        public Proceedings {
            entries = List.copyOf(entries);
        }
    }

    /** One workplace's value of a per-workplace item, keyed by its CFAR number. */
    record WorkplaceValue(String cfarNumber, ItemValue value) {
    }

    record PerWorkplace(@JsonValue List<WorkplaceValue> workplaces) implements ItemValue {
        public PerWorkplace {
            workplaces = List.copyOf(workplaces);
        }
    }
}
