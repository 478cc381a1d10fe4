package se.companydata.gateway.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.InvalidIdentityException;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;

/**
 * The registry file's shape, and its validation into entitlements. Every problem is reported with
 * the entry it is in (and the line, where the parser knows it), all at once.
 */
public final class RegistryFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record File(Defaults defaults, List<Consumer> consumers) {
    }

    record Defaults(Limit rateLimit) {
    }

    record Consumer(String organisationsnummer, String name, List<Service> services) {
    }

    record Service(String tjanstenamn, List<String> items, List<String> useAreas, Limit rateLimit, Boolean auditor) {
    }

    record Limit(Double perSecond, Integer burst) {
    }

    public record Key(String organisationsnummer, String tjanstenamn) {
    }

    public static class InvalidRegistryException extends Exception {
        InvalidRegistryException(String message) {
            super(message, null, false, false);
        }
    }

    private RegistryFile() {
    }

    public static Map<Key, Entitlement> parse(String text) throws InvalidRegistryException {
        File file;
        try {
            file = YAML.readValue(text, File.class);
        } catch (JsonProcessingException e) {
            // The YAML parser reads ahead, so its line is approximate; the entry path is exact.
            String entry = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? path(mapping) : "";
            var at = e.getLocation();
            throw new InvalidRegistryException(entry + (at == null ? "" : (entry.isEmpty() ? "" : " ") + "(near line " + at.getLineNr() + ")")
                    + ": " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        if (file == null || file.consumers() == null) {
            throw new InvalidRegistryException("the registry has no 'consumers' list");
        }
        Entitlement.RateLimit defaults = limit(file.defaults() == null ? null : file.defaults().rateLimit(), new Entitlement.RateLimit(10, 20), "defaults.rateLimit", problems);
        Map<Key, Entitlement> entitlements = new HashMap<>();
        for (int c = 0; c < file.consumers().size(); c++) {
            Consumer consumer = file.consumers().get(c);
            String where = "consumers[" + c + "]";
            if (consumer == null) {
                problems.add(where + ": empty entry");
                continue;
            }
            where += consumer.name() == null ? "" : " (" + consumer.name() + ")";
            String orgnr = organisationsnummer(consumer.organisationsnummer(), where, problems);
            if (consumer.services() == null || consumer.services().isEmpty()) {
                problems.add(where + ": no services");
                continue;
            }
            for (int s = 0; s < consumer.services().size(); s++) {
                Service service = consumer.services().get(s);
                String at = where + ".services[" + s + "]";
                if (service == null || service.tjanstenamn() == null || !service.tjanstenamn().matches("[A-Z0-9_]{2,40}")) {
                    problems.add(at + ": tjanstenamn must be 2-40 characters A-Z, 0-9 or _");
                    continue;
                }
                at += " (" + service.tjanstenamn() + ")";
                boolean auditor = Boolean.TRUE.equals(service.auditor());
                // An auditors' e-service reads the audit trail (disclosure register, service-level report) and may receive no items.
                Set<UdItem> items = auditor && (service.items() == null || service.items().isEmpty()) ? Set.of() : items(service.items(), at, problems);
                Set<UseArea> useAreas = useAreas(service.useAreas(), at, problems);
                Entitlement.RateLimit rateLimit = limit(service.rateLimit(), defaults, at + ".rateLimit", problems);
                if (orgnr != null) {
                    Key key = new Key(orgnr, service.tjanstenamn());
                    if (entitlements.put(key, new Entitlement(orgnr, consumer.name(), service.tjanstenamn(), items, useAreas, rateLimit, auditor)) != null) {
                        problems.add(at + ": " + orgnr + "/" + service.tjanstenamn() + " is registered twice");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRegistryException(String.join("\n", problems));
        }
        return Map.copyOf(entitlements);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String organisationsnummer(String value, String where, List<String> problems) {
        try {
            CompanyId id = CompanyId.parse(value, null);
            if (id.type() == IdentityType.Organisationsnummer) {
                return id.number();
            }
            problems.add(where + ": " + value + " is not an organisationsnummer");
        } catch (InvalidIdentityException e) {
            problems.add(where + ": " + e.getMessage());
        }
        return null;
    }

    private static Set<UdItem> items(List<String> names, String where, List<String> problems) {
        Set<UdItem> items = new LinkedHashSet<>();
        if (names == null || names.isEmpty()) {
            problems.add(where + ": no items");
            return items;
        }
        for (String name : names) {
            UdItem.find(String.valueOf(name)).ifPresentOrElse(items::add, () -> problems.add(where + ": unknown item '" + name + "'"));
        }
        return items;
    }

    /** Omitted: approved for no use area, so a request naming one is refused (a request naming none is not). */
    private static Set<UseArea> useAreas(List<String> names, String where, List<String> problems) {
        Set<UseArea> useAreas = EnumSet.noneOf(UseArea.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                useAreas.add(UseArea.valueOf(String.valueOf(name)));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": unknown use area '" + name + "' (DirektAteranvandning or IndirektAteranvandning)");
            }
        }
        return useAreas;
    }

    private static Entitlement.RateLimit limit(Limit limit, Entitlement.RateLimit fallback, String where, List<String> problems) {
        if (limit == null) {
            return fallback;
        }
        double perSecond = limit.perSecond() == null ? fallback.perSecond() : limit.perSecond();
        int burst = limit.burst() == null ? fallback.burst() : limit.burst();
        if (perSecond <= 0 || burst < 1) {
            problems.add(where + ": perSecond must be > 0 and burst >= 1");
        }
        return new Entitlement.RateLimit(perSecond, burst);
    }
}
