package se.companydata.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Bolagsverket's published VDM v1 OpenAPI ({@code ../shared/contracts/vdm-v1/openapi.yaml}), read in
 * tests only: its component schemas as JSON Schema, and its examples. A test that needs it is skipped,
 * never passed, where {@code ../shared} is absent.
 *
 * <p>The published spec has quirks a strict validator trips on; exactly these are relaxed, as the
 * contract's README says: {@code required} entries naming properties the schema does not define are
 * dropped ({@code Organisationsnamn.namn}, {@code PagaendeAvvecklingsEllerOmstruktureringsforfarande.status}),
 * and {@code null} is allowed for every value (answers carry {@code fel: null} on healthy blocks and null
 * value fields in a block whose {@code fel} is set, though nothing is marked {@code nullable}).
 */
public final class VdmContract {

    public static final Path SPEC = Path.of("../shared/contracts/vdm-v1/openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode spec;
    private final ObjectNode components;

    private VdmContract(JsonNode spec) {
        this.spec = spec;
        this.components = JsonNodeFactory.instance.objectNode();
        ObjectNode schemas = components.putObject("components").putObject("schemas");
        spec.path("components").path("schemas").fields().forEachRemaining(e -> schemas.set(e.getKey(), relaxed(e.getValue())));
    }

    /** The contract, or the calling test skipped when ../shared is not there. */
    public static VdmContract loadOrSkip() {
        Assumptions.assumeTrue(Files.isRegularFile(SPEC), "Bolagsverket's VDM v1 contract (" + SPEC + ") is not here: skipped");
        try {
            return new VdmContract(YAML.readTree(SPEC.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way {@code instance} breaks the component schema {@code name} (empty: it conforms). */
    public List<String> violations(String name, JsonNode instance) {
        ObjectNode root = components.deepCopy();
        root.put("$ref", "#/components/schemas/" + name);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
        Set<ValidationMessage> messages = schema.validate(instance);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    /** A named example of the spec ({@code components/examples/<name>/value}). */
    public JsonNode example(String name) {
        JsonNode value = spec.path("components").path("examples").path(name).path("value");
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("no example " + name + " in the VDM v1 contract");
        }
        return value;
    }

    /** The names of the spec's examples of {@code POST /organisationer}'s 200 answer. */
    public List<String> answerExamples() {
        List<String> names = new ArrayList<>();
        spec.path("paths").path("/organisationer").path("post").path("responses").path("200").path("content")
                .path("application/json").path("examples").forEach(ref -> names.add(ref.path("$ref").asText().replace("#/components/examples/", "")));
        return names;
    }

    private static JsonNode relaxed(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            switch (field.getKey()) {
                case "properties" -> {
                    ObjectNode properties = copy.putObject("properties");
                    field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), nullable(relaxed(p.getValue()))));
                }
                case "items" -> copy.set("items", nullable(relaxed(field.getValue())));
                case "example", "examples" -> { }
                default -> copy.set(field.getKey(), field.getValue());
            }
        }
        if (copy.has("required")) {
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            copy.path("required").forEach(r -> {
                if (copy.path("properties").has(r.asText())) {
                    required.add(r);
                }
            });
            copy.set("required", required);
            if (required.isEmpty()) {
                copy.remove("required");
            }
        }
        return copy;
    }

    /** The schema, or null. */
    private static JsonNode nullable(JsonNode schema) {
        ObjectNode either = JsonNodeFactory.instance.objectNode();
        either.putArray("anyOf").add(schema).add(JsonNodeFactory.instance.objectNode().put("type", "null"));
        return either;
    }
}
