package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fictitious register behind every simulated producer, indexed the ways the producers look it up. */
public final class SandboxRegister {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegisterFile(List<SandboxCompany> foretag) {
    }

    private final List<SandboxCompany> companies;
    private final Map<String, List<SandboxCompany>> byIdentity = new LinkedHashMap<>();
    private final Map<String, List<SandboxCompany>> byTenDigits = new LinkedHashMap<>();

    SandboxRegister(List<SandboxCompany> companies) {
        this.companies = List.copyOf(companies);
        for (SandboxCompany c : companies) {
            byIdentity.computeIfAbsent(c.identitetsbeteckning(), k -> new java.util.ArrayList<>()).add(c);
            byTenDigits.computeIfAbsent(c.tenDigits(), k -> new java.util.ArrayList<>()).add(c);
        }
    }

    static SandboxRegister load(String location, ObjectMapper json) {
        try (InputStream in = open(location)) {
            return new SandboxRegister(json.readValue(in, RegisterFile.class).foretag());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox register " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
        if (in == null) {
            throw new IOException("neither a file nor a classpath resource");
        }
        return in;
    }

    public List<SandboxCompany> all() {
        return companies;
    }

    /** Businesses registered under a full identity number (10-digit orgnr or 12-digit personnummer). */
    public List<SandboxCompany> byIdentity(String identitetsbeteckning) {
        return byIdentity.getOrDefault(identitetsbeteckning, List.of());
    }

    public List<SandboxCompany> byTenDigits(String tenDigits) {
        return byTenDigits.getOrDefault(tenDigits, List.of());
    }
}
