package se.companydata.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The sandbox register as the tests read it: expected values come from here, never from the gateway. */
public final class TestRegister {

    private static final List<JsonNode> COMPANIES = load();

    private TestRegister() {
    }

    private static List<JsonNode> load() {
        try (InputStream in = TestRegister.class.getClassLoader().getResourceAsStream("sandbox/register.json")) {
            List<JsonNode> all = new ArrayList<>();
            new ObjectMapper().readTree(in).path("foretag").forEach(all::add);
            return List.copyOf(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> all() {
        return COMPANIES;
    }

    public static JsonNode first(Predicate<JsonNode> condition) {
        return COMPANIES.stream().filter(condition).findFirst().orElseThrow(() -> new AssertionError("no such company in the register"));
    }

    /** An ordinary company of a kind (AB, HB, KB, EF, IF, SF, E): no faults, no block errors, one business per identity. */
    public static List<JsonNode> ordinary(String kind) {
        return COMPANIES.stream().filter(c -> c.path("kategori").asText().equals(kind))
                .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && !c.has("forfaranden") && !c.has("avregistreringsdatum"))
                .filter(c -> !c.path("person").path("skyddadIdentitet").asBoolean(false))
                .filter(c -> COMPANIES.stream().filter(o -> o.path("identitetsbeteckning").equals(c.path("identitetsbeteckning"))).count() == 1)
                .toList();
    }

    public static JsonNode withFault(String producer, String fault) {
        return first(c -> fault.equals(c.path("sandboxFaults").path(producer).asText(null)) && c.path("sandboxFaults").size() == 1);
    }

    public static String id(JsonNode company) {
        return company.path("identitetsbeteckning").asText();
    }
}
