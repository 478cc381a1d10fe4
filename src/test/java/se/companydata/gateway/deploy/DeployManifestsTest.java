package se.companydata.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.companydata.gateway.TestFiles;
import se.companydata.gateway.security.RegistryFile;

/**
 * Renders every overlay in deploy/ with {@code kubectl kustomize} and checks what a platform team
 * relies on. Production is rendered from a copy with placeholder secret files, never in the tree.
 */
class DeployManifestsTest {

    private static final Path RENDER_ROOT = Path.of("target/deploy-render");
    private static final Set<String> WRITABLE_MOUNTS = Set.of("/tmp", "/var/lib/gateway/audit");

    @BeforeAll
    static void prepare() throws Exception {
        run(List.of("bash", "deploy/overlays/sandbox/prepare.sh"));
        TestFiles.deleteRecursively(RENDER_ROOT);
        copyRecursively(Path.of("deploy"), RENDER_ROOT.resolve("deploy"));
        Path secrets = RENDER_ROOT.resolve("deploy/overlays/production/secrets");
        for (String file : List.of("client-ca.crt", "outbound.crt", "outbound.key", "scb-client.crt", "scb-client.key", "bolagsverket-ca.crt", "scb-ca.crt",
                "skatteverket-ca.crt", "oauth-client-id", "oauth-client-secret", "audit-db-writer-password", "audit-db-owner-password",
                "audit-db-maintenance-password", "audit-db-ca.crt", "redis-password", "redis-ca.crt", "cache-hash-key", "cache-encryption-key")) {
            Files.writeString(secrets.resolve(file), "placeholder for the render test\n");
        }
    }

    private static List<JsonNode> render(String overlay) throws Exception {
        Path dir = overlay.equals("production") ? RENDER_ROOT.resolve("deploy/overlays/production") : Path.of("deploy/overlays", overlay);
        String yaml = run(List.of("kubectl", "kustomize", dir.toString()));
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(n -> {
                if (n != null && n.has("kind")) {
                    objects.add(n);
                }
            });
        }
        assertThat(objects).as("rendered objects of " + overlay).isNotEmpty();
        return objects;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void probesUseTheManagementPortAndNothingRunsAsRoot(String overlay) throws Exception {
        JsonNode workload = one(render(overlay), "StatefulSet");
        assertThat(workload.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pod = workload.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt(-1)).isPositive();
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
        for (JsonNode container : pod.path("containers")) {
            String name = container.path("name").asText();
            int management = -1;
            for (JsonNode port : container.path("ports")) {
                if (port.path("name").asText().equals("management")) {
                    management = port.path("containerPort").asInt();
                }
            }
            assertThat(management).as(name + " management port").isEqualTo(9000);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode port = container.path(probe).path("httpGet").path("port");
                assertThat(port.isMissingNode()).as(name + " " + probe).isFalse();
                assertThat(port.asText().equals("management") || port.asInt() == 9000).as(name + " " + probe + " port " + port).isTrue();
            }
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(security.at("/capabilities/drop").toString()).as(name).contains("\"ALL\"");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.at("/resources/" + kind + "/" + resource).asText()).as(name + " " + kind + " " + resource).isNotBlank();
                }
            }
            for (JsonNode mount : container.path("volumeMounts")) {
                if (!mount.path("readOnly").asBoolean()) {
                    assertThat(WRITABLE_MOUNTS).as("writable mount " + mount.path("mountPath")).contains(mount.path("mountPath").asText());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void everySecretAndConfigMapReferencedExistsInTheOverlay(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        Set<String> secrets = new HashSet<>();
        Set<String> configMaps = new HashSet<>();
        for (JsonNode o : objects) {
            switch (o.path("kind").asText()) {
                case "Secret" -> secrets.add(o.at("/metadata/name").asText());
                case "ConfigMap" -> configMaps.add(o.at("/metadata/name").asText());
                case "Certificate" -> secrets.add(o.at("/spec/secretName").asText());   // cert-manager creates it
                default -> { }
            }
        }
        JsonNode pod = one(objects, "StatefulSet").at("/spec/template/spec");
        List<String> referencedSecrets = new ArrayList<>(pod.findValuesAsText("secretName"));
        List<String> referencedConfigMaps = new ArrayList<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("configMap")) {
                referencedConfigMaps.add(v.at("/configMap/name").asText());
            }
        });
        for (JsonNode ref : pod.findValues("secretKeyRef")) {
            referencedSecrets.add(ref.path("name").asText());
        }
        for (JsonNode ref : pod.findValues("configMapKeyRef")) {
            referencedConfigMaps.add(ref.path("name").asText());
        }
        for (JsonNode from : pod.findValues("envFrom")) {
            from.forEach(f -> {
                if (f.has("secretRef")) {
                    referencedSecrets.add(f.at("/secretRef/name").asText());
                }
                if (f.has("configMapRef")) {
                    referencedConfigMaps.add(f.at("/configMapRef/name").asText());
                }
            });
        }
        assertThat(referencedSecrets).isNotEmpty();
        assertThat(secrets).as("Secrets in the " + overlay + " overlay").containsAll(referencedSecrets);
        assertThat(configMaps).as("ConfigMaps in the " + overlay + " overlay").containsAll(referencedConfigMaps);
    }

    @Test
    void productionKeepsItsAuditTrailInPostgresqlOverVerifiedTlsAndRetentionRunsAsMaintenance() throws Exception {
        List<JsonNode> objects = render("production");
        String properties = named(objects, "ConfigMap", "gateway-config").at("/data/application.properties").asText();
        assertThat(properties).contains("gateway.audit.store=postgresql").contains("sslmode=verify-full").contains("quarkus.datasource.username=audit_writer");
        Set<String> secrets = new HashSet<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("Secret")).forEach(o -> secrets.add(o.at("/metadata/name").asText()));
        JsonNode job = named(objects, "CronJob", "audit-retention").at("/spec/jobTemplate/spec/template/spec");
        JsonNode container = job.path("containers").get(0);
        assertThat(container.path("command").toString()).contains("quarkus-run.jar audit retention");
        assertThat(container.path("env").findValuesAsText("value")).contains("audit_maintenance");
        assertThat(job.findValuesAsText("secretName")).allMatch(secrets::contains);
        assertThat(container.findValues("secretKeyRef").stream().map(r -> r.path("name").asText())).allMatch(secrets::contains);
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(job.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode egress = named(objects, "NetworkPolicy", "company-data-gateway").at("/spec/egress");
        assertThat(egress.findValues("port").stream().map(JsonNode::asInt)).contains(5432);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void theRegistryAndConfigurationShippedAreValid(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        JsonNode registry = named(objects, "ConfigMap", "gateway-registry");
        RegistryFile.parse(registry.at("/data/consumers.yaml").asText());   // throws with the problems if invalid
        String properties = named(objects, "ConfigMap", "gateway-config").at("/data/application.properties").asText();
        for (String endpoint : List.of("bolagsverket", "scb", "skatteverket")) {
            assertThat(properties).contains("quarkus.rest-client." + endpoint + ".url=https://");
        }
        assertThat(properties).contains("gateway.producers.bolagsverket.oauth2.token-url=https://");
        // Without shared state each replica spends 1/replicas of every quota: that must be the most pods there can be
        // (in production; the sandbox's producers live in each pod, each with its own quotas).
        int most = objects.stream().filter(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler"))
                .mapToInt(o -> o.at("/spec/maxReplicas").asInt()).max()
                .orElse(one(objects, "StatefulSet").at("/spec/replicas").asInt(1));
        int configured = properties.lines().filter(line -> line.startsWith("gateway.cluster.replicas="))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf('=') + 1).strip())).findFirst().orElse(1);
        assertThat(configured).as("gateway.cluster.replicas in the " + overlay + " overlay (pods at most: " + most + ")")
                .isGreaterThanOrEqualTo(overlay.equals("production") ? most : 1);
        for (JsonNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.at("/metadata/namespace").asText()).as(o.path("kind") + " " + o.at("/metadata/name")).isNotBlank();
            }
        }
    }

    @Test
    void productionSharesQuotasLimitsAndAnswersThroughRedisOverTls() throws Exception {
        List<JsonNode> objects = render("production");
        String properties = named(objects, "ConfigMap", "gateway-config").at("/data/application.properties").asText();
        assertThat(properties).contains("quarkus.redis.hosts=rediss://").contains("quarkus.tls.redis.trust-store.pem.certs=/etc/gateway/redis-ca/ca.crt");
        JsonNode gateway = one(objects, "StatefulSet").at("/spec/template/spec/containers/0");
        assertThat(gateway.at("/env").findParents("name").stream().filter(e -> e.path("name").asText().equals("QUARKUS_REDIS_PASSWORD"))
                .map(e -> e.at("/valueFrom/secretKeyRef/name").asText())).containsExactly("gateway-redis");
        assertThat(gateway.at("/volumeMounts").findValuesAsText("mountPath")).contains("/etc/gateway/redis-ca", "/etc/gateway/cache-keys");
        assertThat(properties).as("the shared answers' keys, from the mounted Secret")
                .contains("gateway.cache.shared.hash-key-file=/etc/gateway/cache-keys/")
                .contains("gateway.cache.shared.encryption-key-file=/etc/gateway/cache-keys/");
        JsonNode egress = named(objects, "NetworkPolicy", "company-data-gateway").at("/spec/egress");
        assertThat(egress.findValues("port").stream().map(JsonNode::asInt)).contains(6380);
    }

    @Test
    void theSandboxSharesThroughASingleRedisPodOnlyItsGatewayReaches() throws Exception {
        List<JsonNode> objects = render("sandbox");
        String properties = named(objects, "ConfigMap", "gateway-config").at("/data/application.properties").asText();
        assertThat(properties).contains("quarkus.redis.hosts=redis://redis:6379")
                .contains("gateway.cache.shared.hash-key-file=/etc/gateway/cache-keys/").contains("gateway.cache.shared.encryption-key-file=/etc/gateway/cache-keys/");
        JsonNode redis = named(objects, "Deployment", "redis");
        assertThat(redis.at("/spec/replicas").asInt()).isEqualTo(1);
        JsonNode pod = redis.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("args").toString()).as("a password, nothing persisted").contains("--requirepass").contains("\"--save\",\"\"");
        assertThat(container.findValues("secretKeyRef").stream().map(r -> r.path("name").asText())).containsExactly("gateway-redis");
        JsonNode gateway = one(objects, "StatefulSet").at("/spec/template/spec/containers/0");
        assertThat(gateway.findValues("secretKeyRef").stream().map(r -> r.path("name").asText())).contains("gateway-redis");
        assertThat(gateway.at("/volumeMounts").findValuesAsText("mountPath")).contains("/etc/gateway/cache-keys");
        JsonNode ingress = named(objects, "NetworkPolicy", "redis").at("/spec/ingress");
        assertThat(ingress.findValuesAsText("app.kubernetes.io/name")).containsExactly("company-data-gateway");
        assertThat(named(objects, "NetworkPolicy", "company-data-gateway").at("/spec/egress").findValues("port").stream()
                .map(JsonNode::asInt)).contains(6379);
        Set<String> secrets = new HashSet<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("Secret")).forEach(o -> secrets.add(o.at("/metadata/name").asText()));
        assertThat(secrets).contains("gateway-redis", "gateway-cache-keys");
    }

    @Test
    void productionPinsItsImageAndExposesNoManagementPort() throws Exception {
        List<JsonNode> objects = render("production");
        String image = one(objects, "StatefulSet").at("/spec/template/spec/containers/0/image").asText();
        assertThat(image).contains(":").doesNotEndWith(":latest");
        assertThat(image.substring(image.lastIndexOf(':') + 1)).matches("\\d+\\.\\d+\\.\\d+");
        for (JsonNode service : objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
            boolean external = List.of("LoadBalancer", "NodePort").contains(service.at("/spec/type").asText("ClusterIP"));
            if (external) {
                assertThat(service.at("/spec/ports").findValuesAsText("port")).doesNotContain("9000");
            }
        }
        JsonNode policy = one(objects, "NetworkPolicy");
        for (JsonNode rule : policy.at("/spec/ingress")) {
            if (!rule.has("from")) {
                assertThat(rule.path("ports").findValuesAsText("port")).as("ingress open to all").containsExactly("8443");
            }
        }
        assertThat(policy.at("/spec/egress").toString()).contains("\"port\":443").contains("\"port\":53");
        assertThat(one(objects, "HorizontalPodAutoscaler").at("/spec/scaleTargetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(one(objects, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
    }

    private static JsonNode one(List<JsonNode> objects, String kind) {
        List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }

    private static String run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed to render the Kubernetes overlays "
                    + "(.ci/run installs Debian's kubernetes-client when kubectl is missing)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed: " + err).isZero();
        return out;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

}
