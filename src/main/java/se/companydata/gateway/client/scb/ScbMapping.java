package se.companydata.gateway.client.scb;

import static se.companydata.gateway.domain.UdItem.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** SCB's wire answers (rows of named variables, Företagsregistret and its workplaces) as domain items; plain functions, tested from wire samples. */
final class ScbMapping {

    private ScbMapping() {
    }

    static ProducerAnswer foretagAnswer(List<Map<String, String>> rows) {
        if (rows == null) {
            throw new InvalidProducerAnswerException("no rows");
        }
        if (rows.isEmpty()) {
            return ProducerAnswer.notFound(Source.SCB_FORETAG, "SCB has no company with this identity");
        }
        if (rows.size() > 1) {
            throw new InvalidProducerAnswerException(rows.size() + " companies for one organisationsnummer");
        }
        Row row = new Row(rows.get(0));
        var values = new EnumMap<UdItem, ItemValue>(UdItem.class);
        row.text("Företagsnamn").ifPresent(v -> values.put(UD0001, v));
        row.coded("Juridisk form, kod", "Juridisk form").ifPresent(v -> values.put(UD0002, v));
        if (row.has("PostAdress")) {
            values.put(UD0003, new ItemValue.Address(row.get("COAdress"), row.get("PostAdress"), row.get("PostNr"),
                    row.get("PostOrt"), null, null, null));
        }
        row.text("E-post").ifPresent(v -> values.put(UD0004, v));
        row.text("Telefon").ifPresent(v -> values.put(UD0006, v));
        row.coded("Säteskommun, kod", "Säteskommun").ifPresent(v -> values.put(UD0011, v));
        row.coded("Säteslän, kod", "Säteslän").ifPresent(v -> values.put(UD0012, v));
        var sni = row.sni();
        if (!sni.isEmpty()) {
            values.put(UD0024, new ItemValue.CodedList(sni));
        }
        row.text("Fskattstatus, kod").ifPresent(v -> values.put(UD0029, v));
        row.text("Momsstatus, kod").ifPresent(v -> values.put(UD0031, v));
        row.text("Arbetsgivarstatus, kod").ifPresent(v -> values.put(UD0033, v));
        if (row.has("BesöksAdress")) {
            values.put(UD0040, new ItemValue.Address(null, row.get("BesöksAdress"), row.get("BesöksPostNr"),
                    row.get("BesöksPostOrt"), null, row.coded("Besökskommun, kod", "Besökskommun").orElse(null),
                    row.coded("Besökslän, kod", "Besökslän").orElse(null)));
        }
        row.text("Antal arbetsställen").ifPresent(v -> values.put(UD0042, v));
        // SCB's size classes: "Stkl, oms" is turnover, "Stkl" employees.
        row.coded("Stkl, oms, kod", "Stkl, oms").ifPresent(v -> values.put(UD0050, v));
        row.coded("Stkl, kod", "Stkl").ifPresent(v -> values.put(UD0051, v));
        return ProducerAnswer.found(Source.SCB_FORETAG, List.of(new ProducerRecord(null, values, Map.of())), false);
    }

    /** An empty list is a company without workplaces: its workplace items then do not exist. */
    static ProducerAnswer arbetsstallenAnswer(List<Map<String, String>> rows) {
        if (rows == null) {
            throw new InvalidProducerAnswerException("no rows");
        }
        List<Row> workplaces = rows.stream().map(Row::new).toList();
        var values = new EnumMap<UdItem, ItemValue>(UdItem.class);
        if (!workplaces.isEmpty()) {
            List<String> cfar = new ArrayList<>();
            for (Row w : workplaces) {
                cfar.add(w.required("CFARNr"));
            }
            values.put(UD0034, new ItemValue.TextList(cfar));
            perWorkplace(values, UD0009, workplaces, w -> w.has("PostAdress") ? new ItemValue.Address(w.get("COAdress"),
                    w.get("PostAdress"), w.get("PostNr"), w.get("PostOrt"), null, null, null) : null);
            perWorkplace(values, UD0010, workplaces, w -> w.has("BesöksAdress") ? new ItemValue.Address(null,
                    w.get("BesöksAdress"), w.get("BesöksPostNr"), w.get("BesöksPostOrt"), null, null, null) : null);
            perWorkplace(values, UD0039, workplaces, w -> w.sni().isEmpty() ? null : new ItemValue.CodedList(w.sni()));
            perWorkplace(values, UD0043, workplaces, w -> w.text("Benämning").orElse(null));
            perWorkplace(values, UD0044, workplaces, w -> w.text("Huvudarbetsställe").orElse(null));
            perWorkplace(values, UD0049, workplaces, w -> w.text("Telefon").orElse(null));
            perWorkplace(values, UD0052, workplaces, w -> w.coded("Stkl, kod", "Stkl").orElse(null));
        }
        return ProducerAnswer.found(Source.SCB_ARBETSSTALLEN, List.of(new ProducerRecord(null, values, Map.of())), false);
    }

    private static void perWorkplace(Map<UdItem, ItemValue> values, UdItem item, List<Row> workplaces,
                                     Function<Row, ItemValue> value) {
        List<ItemValue.WorkplaceValue> entries = new ArrayList<>();
        for (Row w : workplaces) {
            ItemValue v = value.apply(w);
            if (v != null) {
                entries.add(new ItemValue.WorkplaceValue(w.get("CFARNr"), v));
            }
        }
        if (!entries.isEmpty()) {
            values.put(item, new ItemValue.PerWorkplace(entries));
        }
    }

    /** One SCB row; SCB sends absent variables as missing keys, empty strings or blanks (an unused Bransch_n slot). */
    private record Row(Map<String, String> values) {

        Row {
            if (values == null) {
                throw new InvalidProducerAnswerException("null row");
            }
        }

        boolean has(String key) {
            String v = values.get(key);
            return v != null && !v.isBlank();
        }

        String get(String key) {
            return has(key) ? values.get(key).strip() : null;
        }

        String required(String key) {
            if (!has(key)) {
                throw new InvalidProducerAnswerException("row without '" + key + "'");
            }
            return values.get(key);
        }

        Optional<ItemValue> text(String key) {
            return has(key) ? Optional.of(new ItemValue.Text(values.get(key).strip())) : Optional.empty();
        }

        Optional<ItemValue.Coded> coded(String codeKey, String textKey) {
            return has(codeKey) ? Optional.of(new ItemValue.Coded(values.get(codeKey).strip(), get(textKey)))
                    : Optional.empty();
        }

        /** SCB carries up to five industries as {@code Bransch_1, kod} … {@code Bransch_5, kod}. */
        List<ItemValue.Coded> sni() {
            List<ItemValue.Coded> sni = new ArrayList<>(5);
            for (int i = 1; i <= 5; i++) {
                coded("Bransch_" + i + ", kod", "Bransch_" + i).ifPresent(sni::add);
            }
            return sni;
        }
    }
}
