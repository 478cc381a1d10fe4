package se.companydata.gateway.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.audit.trail.AuditTrailApiTestAccess;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * The SSBTGU v2 endpoint over mutual TLS, as an e-service platform calls it: the README's request
 * file, the WSDL, the values against the JSON API's, and a table of malformed and hostile calls,
 * each answered with a precise Servicefel (or a 4xx), never a stack trace, never a local file.
 */
@QuarkusTest
class SsbtguEndpointTest extends SandboxTest {

    static final String REQUEST_FILE = "docs/ssbtgu-request.xml";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String request() {
        try {
            return Files.readString(Path.of(REQUEST_FILE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theReadmeRequestFileReturnsAMergedAnswerValidUnderBothSchemas() throws Exception {
        HttpResponse<String> response = soap(request(), "text/xml; charset=UTF-8", "\"urn:GetForetagsuppgifter\"", CONSUMER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Element answer = Xml.body(response.body());
        validate(answer);
        Element metadata = Xml.child(answer, Ssbtgu.LOOKUP, "GrundlaggandeUppgifterSvarMetadata");
        assertThat(Xml.child(metadata, Ssbtgu.METADATA, "TransaktionId").getTextContent()).isEqualTo("exempelby-serveringstillstand-4711");
        assertThat(Xml.child(Xml.child(metadata, Ssbtgu.METADATA, "Datakonsument"), Ssbtgu.METADATA, "PartNamn").getTextContent()).isEqualTo("Exempelby kommun");
        assertThat(Xml.child(Xml.child(metadata, Ssbtgu.METADATA, "Formedlare"), Ssbtgu.METADATA, "PartNamn").getTextContent())
                .isEqualTo("Company-data gateway (sandbox)");
        List<Element> items = Xml.items(answer);
        assertThat(items).extracting(Element::getLocalName).containsExactly("UD0001", "UD0002", "UD0003", "UD0004", "UD0006", "UD0011",
                "UD0012", "UD0014", "UD0025", "UD0026", "UD0027", "UD0028", "UD0040", "UD0045", "UD0046", "UD0048");
        assertThat(Xml.lastElement(items.get(0)).getTextContent()).isEqualTo(TestRegister.first(c -> TestRegister.id(c).equals("5595267773")).path("namn").asText());
    }

    @Test
    void everyValueComesBackByteIdenticalThroughSoapAndJson() throws Exception {
        for (String company : List.of("5595267773", TestRegister.id(TestRegister.ordinary("AB").get(3)), TestRegister.id(TestRegister.ordinary("SF").get(2)))) {
            JsonNode json = JSON.readTree(lookup(body(company)).statusCode(200).extract().asString()).path("items");
            String request = request().replace("5595267773", company)
                    .replaceAll("(?s)<gu:GrundlaggandeUppgiftId>.*</gu:GrundlaggandeUppgiftId>", allItems());
            HttpResponse<String> response = soap(request, "text/xml", null, CONSUMER);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            int compared = 0;
            for (Element item : Xml.items(Xml.body(response.body()))) {
                JsonNode value = json.path(item.getLocalName()).path("value");
                Element last = Xml.lastElement(item);
                if (value.isTextual() && !"Fel".equals(last.getLocalName())) {
                    assertThat(last.getTextContent()).as(company + " " + item.getLocalName()).isEqualTo(value.asText());
                    compared++;
                }
            }
            assertThat(compared).as("text values compared for " + company).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theWsdlAndItsSchemasAreServedWithThisEndpointsAddress() throws Exception {
        HttpResponse<String> wsdl = get("/ssbtgu/v2?wsdl");
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("location=\"https://localhost:" + port + "/ssbtgu/v2\"")
                .contains("soapAction=\"urn:GetForetagsuppgifter\"");
        assertThat(get("/ssbtgu/schema/ssbtgu-lookup-types.xsd").body()).contains("GrundlaggandeUppgifterSvar");
        assertThat(get("/ssbtgu/schema/..%2F..%2Fapplication.properties").statusCode()).isEqualTo(404);
    }

    @Test
    void theWsdlsAddressComesFromConfigurationNotFromTheHostHeader() {
        String wsdl = io.restassured.RestAssured.given().header("Host", "evil.example:4443").when().get("/ssbtgu/v2?wsdl")
                .then().statusCode(200).extract().asString();
        assertThat(wsdl).contains("location=\"https://localhost:" + port + "/ssbtgu/v2\"").doesNotContain("evil.example");
    }

    @Test
    void anUnknownCompanyIsAnsweredItemByItem() throws Exception {
        HttpResponse<String> response = soap(request().replace("5595267773", "5560360793"), "text/xml", null, CONSUMER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Element answer = Xml.body(response.body());
        validate(answer);
        assertThat(Xml.items(answer)).allSatisfy(item -> assertThat(Xml.child(item, Ssbtgu.FEL, "Fel").getAttribute("Typ")).isEqualTo("ForetagFinnsEj"));
        assertThat(cache.size()).as("nothing cached of an identity nobody knows").isZero();
    }

    @Test
    void theCallersTtlIsItsTimeBudget() throws Exception {
        sandbox.latency(SandboxProducer.BOLAGSVERKET, Duration.ofMillis(400));
        HttpResponse<String> response = soap(request().replace(">5000</md:TTL>", ">100</md:TTL>"), "text/xml", null, CONSUMER);
        assertThat(response.statusCode()).isEqualTo(200);
        Element fel = Xml.child(Xml.items(Xml.body(response.body())).get(0), Ssbtgu.FEL, "Fel");
        assertThat(fel.getAttribute("Typ")).isEqualTo("Timeout");
        assertThat(fel.getTextContent()).contains("time budget (100 ms)");
    }

    @Test
    void answersAndFaultsAreAuditedWithWhatTheMessageSaid() throws Exception {
        String tx = "soap-audit-" + System.nanoTime();
        soap(request().replace("exempelby-serveringstillstand-4711", tx), "text/xml", null, CONSUMER);
        JsonNode record = AuditTrailApiTestAccess.recordOf(tx);
        assertThat(record.path("tjanstenamn").asText()).isEqualTo("SERVTILLSTBV");
        assertThat(record.path("useArea").asText()).isEqualTo("IndirektAteranvandning");
        assertThat(record.path("onBehalfOf").path("number").asText()).isEqualTo("5595267773");
        assertThat(record.path("outcome").asText()).isIn("ANSWERED", "PARTIAL");
        assertThat(record.path("disclosed").size()).isPositive();

        String refused = "soap-refused-" + System.nanoTime();
        HttpResponse<String> fault = soap(request().replace("exempelby-serveringstillstand-4711", refused)
                .replace("<md:Organisationsnummer>2120009010", "<md:Organisationsnummer>2120009028"), "text/xml", null, CONSUMER);
        assertThat(fault.statusCode()).isEqualTo(500);
        JsonNode refusal = AuditTrailApiTestAccess.recordOf(refused);
        assertThat(refusal.path("outcome").asText()).as("a SOAP fault is a refusal, though HTTP 500").isEqualTo("REFUSED");
        assertThat(refusal.path("problem").asText()).contains("is not the organisation in the client certificate");
        assertThat(refusal.path("disclosed").size()).isZero();
    }

    @Test
    void aRoleCertificateIsAcceptedAndRecordedNotInterpreted() throws Exception {
        String tx = "soap-rollintyg-" + System.nanoTime();
        String rollIntyg = "<ri:RollIntyg xmlns:ri=\"http://schema.bolagsverket.se/ssbt/rollintyg\"><ri:RollIntygMetadata>"
                + "<ri:RollIntygId>rollintyg-0815</ri:RollIntygId><ri:RollIntygUtfardat>2026-11-23T09:00:00+01:00</ri:RollIntygUtfardat>"
                + "<ri:RollIntygUtfardatAv><md:Dataproducent><md:PartId><md:Organisationsnummer>2021005489</md:Organisationsnummer></md:PartId>"
                + "<md:PartNamn>Bolagsverket</md:PartNamn></md:Dataproducent></ri:RollIntygUtfardatAv>"
                + "<ri:RollIntygUtfardatTill><md:Datakonsument><md:PartId><md:Organisationsnummer>2120009010</md:Organisationsnummer></md:PartId>"
                + "<md:PartNamn>Exempelby kommun</md:PartNamn></md:Datakonsument></ri:RollIntygUtfardatTill>"
                + "<ri:RollIntygUtfardatForPerson><fo:PersonIdentitetsbeteckning><fo:Personnummer>198112189876</fo:Personnummer></fo:PersonIdentitetsbeteckning></ri:RollIntygUtfardatForPerson>"
                + "<ri:RollIntygUtfardatForForetag><fo:PersonIdentitetsbeteckning><fo:Organisationsnummer>5595267773</fo:Organisationsnummer></fo:PersonIdentitetsbeteckning></ri:RollIntygUtfardatForForetag>"
                + "</ri:RollIntygMetadata><ri:Roll><fo:Firmatecknare>Ja</fo:Firmatecknare><fo:Funktionar><fo:FunktionarKod>LE</fo:FunktionarKod>"
                + "<fo:FunktionarBeskrivning>Ledamot</fo:FunktionarBeskrivning></fo:Funktionar></ri:Roll></ri:RollIntyg>";
        HttpResponse<String> response = soap(request().replace("exempelby-serveringstillstand-4711", tx)
                .replace("</gu:GrundlaggandeUppgifterBegaranDetaljer>", rollIntyg + "</gu:GrundlaggandeUppgifterBegaranDetaljer>"), "text/xml", null, CONSUMER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuditTrailApiTestAccess.recordOf(tx).path("roleCertificateId").asText()).isEqualTo("rollintyg-0815");
        // Not interpreted: the same items come back with and without it.
        assertThat(Xml.items(Xml.body(response.body()))).hasSize(16);
    }

    static Stream<Arguments> refusedCalls() {
        String ok = request();
        String padding = "<!--" + "x".repeat(70 * 1024) + "-->";
        return Stream.of(
                refused("not XML", "hello", "OgiltigBegaran", "not well-formed XML"),
                refused("empty body", "", "OgiltigBegaran", "has no body"),
                refused("external entity (XXE)", "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + ok.substring(ok.indexOf("<soapenv:Envelope")).replace("exempelby-serveringstillstand-4711", "&x;"), "OgiltigBegaran", "a DOCTYPE is not accepted"),
                refused("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>", "OgiltigBegaran", "a DOCTYPE is not accepted"),
                refused("external DTD", "<?xml version=\"1.0\"?><!DOCTYPE soapenv:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
                        + ok.substring(ok.indexOf("<soapenv:Envelope")), "OgiltigBegaran", "a DOCTYPE is not accepted"),
                refused("SOAP 1.2 envelope", ok.replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"),
                        "OgiltigBegaran", "SOAP 1.2 is not supported"),
                withType("SOAP 1.2 content type", ok, "application/soap+xml; charset=UTF-8", "OgiltigBegaran", "SOAP 1.2 is not supported"),
                withType("JSON content type", ok, "application/json", "OgiltigBegaran", "SOAP 1.1 is sent as text/xml"),
                Arguments.of("wrong SOAPAction", ok, "text/xml", "urn:DeleteEverything", CONSUMER_CERT, "OgiltigBegaran", "unknown SOAPAction 'urn:DeleteEverything'"),
                refused("not an envelope", ok.substring(ok.indexOf("<gu:GrundlaggandeUppgifterBegaran"), ok.indexOf("</soapenv:Body>"))
                        .replace("<gu:GrundlaggandeUppgifterBegaran ", "<gu:GrundlaggandeUppgifterBegaran xmlns:gu=\"http://schema.bolagsverket.se/ssbtgu/v2/grundlaggandeuppgifter\" "
                                + "xmlns:md=\"http://schema.bolagsverket.se/ssbt/metadata\" xmlns:fo=\"http://schema.bolagsverket.se/ssbt/foretag\" "),
                        "OgiltigBegaran", "not a SOAP 1.1 envelope"),
                refused("no Body", ok.replaceAll("(?s)<soapenv:Body>.*</soapenv:Body>", ""), "OgiltigBegaran", "has no Body"),
                refused("two elements in the Body", ok.replace("</soapenv:Body>", "<gu:Extra/></soapenv:Body>"), "OgiltigBegaran", "exactly one element"),
                refused("two Bodies", ok.replace("</soapenv:Body>", "</soapenv:Body>" + ok.substring(ok.indexOf("<soapenv:Body>"),
                        ok.indexOf("</soapenv:Body>")).replace("5595267773", "5564748530") + "</soapenv:Body>"), "OgiltigBegaran", "holds 2 Bodies"),
                refused("a Header after the Body", ok.replace("<soapenv:Header/>", "").replace("</soapenv:Body>", "</soapenv:Body><soapenv:Header/>"),
                        "OgiltigBegaran", "an optional Header, first, and then one Body"),
                refused("unknown operation", ok.replace("GrundlaggandeUppgifterBegaran ", "HamtaAllt ").replace("</gu:GrundlaggandeUppgifterBegaran>", "</gu:HamtaAllt>"),
                        "OgiltigBegaran", "unknown operation"),
                refused("wrong namespace", ok.replace("ssbtgu/v2/grundlaggandeuppgifter", "ssbtgu/v1/grundlaggandeuppgifter"), "OgiltigBegaran", "unknown operation"),
                refused("no SchemaVersion", ok.replace(" SchemaVersion=\"2.5.0\"", ""), "OgiltigBegaran", "SchemaVersion"),
                refused("no TransaktionId", ok.replaceAll("<md:TransaktionId>.*</md:TransaktionId>", ""), "OgiltigBegaran", "does not follow the SSBTGU v2 schema"),
                refused("TransaktionId of 65 characters", ok.replace("exempelby-serveringstillstand-4711", "t".repeat(65)), "OgiltigBegaran", "does not follow the SSBTGU v2 schema"),
                refused("TransaktionId with a line break", ok.replace("exempelby-serveringstillstand-4711", "tx&#10;X-Injected: yes"), "OgiltigBegaran", "printable ASCII"),
                refused("no details", ok.replaceAll("(?s)<gu:GrundlaggandeUppgifterBegaranDetaljer>.*</gu:GrundlaggandeUppgifterBegaranDetaljer>", ""),
                        "OgiltigBegaran", "GrundlaggandeUppgifterBegaranDetaljer is missing"),
                refused("no items", ok.replaceAll("(?s)<gu:GrundlaggandeUppgiftId>.*</gu:GrundlaggandeUppgiftId>", ""), "OgiltigBegaran", "does not follow the SSBTGU v2 schema"),
                refused("unknown item", ok.replace(">UD0004<", ">UD0005<"), "OgiltigBegaran", "UD0005"),
                refused("bad check digit", ok.replace("<fo:Organisationsnummer>5595267773", "<fo:Organisationsnummer>5595267774"), "OgiltigBegaran", "ForetagId: "),
                refused("nine-digit organisationsnummer", ok.replace("<fo:Organisationsnummer>5595267773", "<fo:Organisationsnummer>559526777"), "OgiltigBegaran", "[0-9]{10}"),
                refused("GD-nummer", ok.replace("<fo:Organisationsnummer>5595267773</fo:Organisationsnummer>", "<fo:GDNummer>202100548901</fo:GDNummer>"),
                        "OgiltigBegaran", "GD-nummer is not supported"),
                refused("a personnummer as samordningsnummer", ok.replace("<fo:Organisationsnummer>5595267773</fo:Organisationsnummer>",
                        "<fo:Samordningsnummer>198112189876</fo:Samordningsnummer>"), "OgiltigBegaran", "is a Personnummer, not a Samordningsnummer"),
                refused("negative TTL", ok.replace(">5000</md:TTL>", ">-1</md:TTL>"), "OgiltigBegaran", "does not follow the SSBTGU v2 schema"),
                refused("TTL in seconds", ok.replace("Millisekunder", "Sekunder"), "OgiltigBegaran", "does not follow the SSBTGU v2 schema"),
                refused("no ServiceNamn", ok.replace("<md:Service><md:ServiceNamn>SERVTILLSTBV</md:ServiceNamn></md:Service>", ""), "OgiltigBegaran", "ServiceNamn is missing"),
                refused("Anvandare with a bad check digit", ok.replace("<md:PartId><md:Organisationsnummer>5595267773", "<md:PartId><md:Organisationsnummer>5595267774"),
                        "OgiltigBegaran", "Anvandare: "),
                refused("another organisation than the certificate's", ok.replace("<md:Organisationsnummer>2120009010", "<md:Organisationsnummer>2120009028"),
                        "EjBehorig", "is not the organisation in the client certificate (2120009010)"),
                refused("unregistered e-service", ok.replace(">SERVTILLSTBV<", ">NOSUCHBV<"), "EjBehorig", "e-service 'NOSUCHBV' is not registered"),
                refused("use area not approved", ok.replace(">SERVTILLSTBV<", ">LIVSMBV<").replace("IndirektAteranvandning", "DirektAteranvandning"),
                        "EjBehorig", "not approved for use area DirektAteranvandning"),
                refused("a body over 64 KiB", ok.replace("<soapenv:Header/>", "<soapenv:Header/>" + padding), "OgiltigBegaran", "at most 65536"));
    }

    private static final String CONSUMER_CERT = CONSUMER;

    private static Arguments refused(String name, String body, String type, String description) {
        return Arguments.of(name, body, "text/xml; charset=UTF-8", null, CONSUMER_CERT, type, description);
    }

    private static Arguments withType(String name, String body, String contentType, String type, String description) {
        return Arguments.of(name, body, contentType, null, CONSUMER_CERT, type, description);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusedCalls")
    void aRefusedCallIsAServicefelThatSaysWhy(String name, String body, String contentType, String soapAction, String certificate,
                                              String type, String description) throws Exception {
        HttpResponse<String> response = soap(body, contentType, soapAction, certificate);

        assertThat(response.statusCode()).as("SOAP 1.1: a fault is HTTP 500").isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("root:x:0");
        Element fault = Xml.body(response.body());
        assertThat(fault.getLocalName()).isEqualTo("Fault");
        assertThat(Xml.childByName(fault, "faultcode").getTextContent()).isEqualTo("soap:Client");
        Element servicefel = Xml.firstElement(Xml.childByName(fault, "detail"));
        validate(servicefel);
        Element fel = Xml.child(Xml.child(servicefel, Ssbtgu.FAULT, "ServicefelDetaljer"), Ssbtgu.FEL, "Fel");
        assertThat(fel.getAttribute("Typ")).isEqualTo(type);
        assertThat(fel.getAttribute("Kalla")).isEqualTo("Formedlare");
        assertThat(fel.getTextContent()).as(name).contains(description);
    }

    @Test
    void aHeaderBlockMarkedMustUnderstandIsAMustUnderstandFault() throws Exception {
        String withBlock = request().replace("<soapenv:Header/>", "<soapenv:Header><x:Security xmlns:x=\"urn:example:security\" "
                + "soapenv:mustUnderstand=\"1\">token</x:Security></soapenv:Header>");
        HttpResponse<String> response = soap(withBlock, "text/xml; charset=UTF-8", null, CONSUMER);
        assertThat(response.statusCode()).isEqualTo(500);
        Element fault = Xml.body(response.body());
        assertThat(Xml.childByName(fault, "faultcode").getTextContent()).isEqualTo("soap:MustUnderstand");
        assertThat(Xml.childByName(fault, "faultstring").getTextContent()).contains("{urn:example:security}Security");
        assertThat(sandbox.totalCalls()).isZero();
        // Not marked, it is simply ignored, as SOAP 1.1 allows.
        String ignorable = withBlock.replace(" soapenv:mustUnderstand=\"1\"", "");
        assertThat(soap(ignorable, "text/xml; charset=UTF-8", null, CONSUMER).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyBeyondTheServersLimitIsRefusedBeforeItIsRead() throws Exception {
        String huge = request().replace("<soapenv:Header/>", "<soapenv:Header/><!--" + "x".repeat(300 * 1024) + "-->");
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.sslContext(CONSUMER)).build();
        HttpResponse<String> response = http11.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/ssbtgu/v2"))
                .header("Content-Type", "text/xml").expectContinue(true).POST(HttpRequest.BodyPublishers.ofString(huge)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(sandbox.totalCalls()).isZero();
    }

    // --- helpers ---

    private HttpResponse<String> soap(String body, String contentType, String soapAction, String certificate) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext(certificate)).connectTimeout(Duration.ofSeconds(5)).build();
        var request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/ssbtgu/v2")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (soapAction != null) {
            request.header("SOAPAction", soapAction);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext(CONSUMER)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String allItems() {
        StringBuilder items = new StringBuilder();
        for (var item : UdItem.values()) {
            items.append("<gu:GrundlaggandeUppgiftId>").append(item.name()).append("</gu:GrundlaggandeUppgiftId>");
        }
        return items.toString();
    }

    /** Against the project's schema always, and the official one where ../shared is. */
    static void validate(Element element) throws Exception {
        ContractCompatibilityTest.ownSchema().newValidator().validate(new DOMSource(element));
        if (Files.isDirectory(ContractCompatibilityTest.OFFICIAL)) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            Schema official = factory.newSchema(new Source[] {
                    new StreamSource(ContractCompatibilityTest.OFFICIAL.resolve("schema/ssbtgu/GrundlaggandeUppgifter.xsd").toFile()),
                    new StreamSource(ContractCompatibilityTest.OFFICIAL.resolve("schema/ssbtgu/Servicefel.xsd").toFile())});
            official.newValidator().validate(new DOMSource(element));
        }
    }
}
