package se.companydata.gateway.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.xml.ws.BindingProvider;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.soap.client.ServicefelException;
import se.companydata.gateway.soap.client.SsbtguService;
import se.companydata.gateway.soap.client.SsbtguServicePorts;
import se.companydata.gateway.soap.client.company.PersonIdentitetsbeteckning;
import se.companydata.gateway.soap.client.lookup.ForetagId;
import se.companydata.gateway.soap.client.lookup.GrundlaggandeUppgiftId;
import se.companydata.gateway.soap.client.lookup.GrundlaggandeUppgifterBegaran;
import se.companydata.gateway.soap.client.lookup.GrundlaggandeUppgifterBegaranDetaljer;
import se.companydata.gateway.soap.client.lookup.GrundlaggandeUppgifterBegaranMetadata;
import se.companydata.gateway.soap.client.lookup.GrundlaggandeUppgifterSvar;
import se.companydata.gateway.soap.client.metadata.Anvandningsomrade;
import se.companydata.gateway.soap.client.metadata.Datakonsument;
import se.companydata.gateway.soap.client.metadata.Part;
import se.companydata.gateway.soap.client.metadata.PartId;
import se.companydata.gateway.soap.client.metadata.Service;

/**
 * A consumer as municipalities run them: JAX-WS client classes generated (by CXF's wsdl2java, in this
 * build) from the WSDL the gateway serves, calling it over mutual TLS with its organisation
 * certificate. The typical question: 16 items about one organisationsnummer, for indirect re-use.
 */
@QuarkusTest
class GeneratedClientTest extends SandboxTest {

    private static final List<String> SIXTEEN_ITEMS = List.of("UD0001", "UD0002", "UD0003", "UD0004", "UD0006", "UD0011", "UD0012",
            "UD0014", "UD0025", "UD0026", "UD0027", "UD0028", "UD0040", "UD0045", "UD0046", "UD0048");
    private static final Path WSDL = Path.of("src/main/resources/ssbtgu/ssbtgu-v2.wsdl");

    @Test
    void theClientWasGeneratedFromTheWsdlTheGatewayServes() throws Exception {
        String served = HttpClient.newBuilder().sslContext(TestPki.sslContext(CONSUMER)).build()
                .send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/ssbtgu/v2?wsdl")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        assertThat(served).isEqualTo(Files.readString(WSDL).replace("https://localhost:8443/ssbtgu/v2", "https://localhost:" + port + "/ssbtgu/v2"));
    }

    @Test
    void aGeneratedClientAsksForSixteenItemsAndReadsTheValuesBack() throws Exception {
        var company = TestRegister.ordinary("AB").get(5);
        GrundlaggandeUppgifterSvar answer = port().getForetagsuppgifter(request(TestRegister.id(company), "2120009010", "SERVTILLSTBV"));

        assertThat(answer.getSchemaVersion()).isEqualTo("2.5.0");
        assertThat(answer.getGrundlaggandeUppgifterSvarMetadata().getDatakonsument().getPartId().getOrganisationsnummer()).isEqualTo("2120009010");
        var details = answer.getGrundlaggandeUppgifterSvarDetaljer();
        assertThat(details.getForetagId().getPersonIdentitetsbeteckning().getOrganisationsnummer()).isEqualTo(TestRegister.id(company));
        // As a consumer reads it: the Fel first, the value only when there is none.
        assertThat(details.getUD0001().getFel()).isNull();
        assertThat(details.getUD0001().getForetagNamn()).isEqualTo(company.path("namn").asText());
        assertThat(details.getUD0001().getGrundlaggandeUppgiftMetadata().getDataproducent().getPartNamn()).isEqualTo("Bolagsverket");
        assertThat(details.getUD0002().getJuridiskForm().getJuridiskFormKod()).isEqualTo(company.path("juridiskForm").path("kod").asText());
        assertThat(details.getUD0003().getPostadress().getUtdelningsadress1()).isEqualTo(company.path("postadress").path("utdelningsadress").asText());
        assertThat(details.getUD0011().getKommun().getKommunKod()).isEqualTo(company.path("sateskommun").path("kod").asText());
        assertThat(details.getUD0014().getRakenskapsar().getRakenskapsarFrom().getManad()).isEqualTo(company.path("rakenskapsar").path("fromManad").asInt());
        assertThat(details.getUD0026().getForetagRegistreratDatum().toXMLFormat()).isEqualTo(company.path("registreringsdatum").asText());
        assertThat(details.getUD0048().getFel().getTyp().value()).as("shares: not representable unchanged").isEqualTo("Odefinierad");
        assertThat(details.getUD0029()).as("not asked for").isNull();
    }

    @Test
    void aRefusalReachesTheGeneratedClientAsItsServicefelException() throws Exception {
        var request = request(TestRegister.id(TestRegister.ordinary("AB").get(6)), "2120009028", "SERVTILLSTBV");
        assertThatThrownBy(() -> port().getForetagsuppgifter(request))
                .isInstanceOfSatisfying(ServicefelException.class, fault -> {
                    var fel = fault.getFaultInfo().getServicefelDetaljer().getFel();
                    assertThat(fel.getTyp().value()).isEqualTo("EjBehorig");
                    assertThat(fel.getFelBeskrivning()).contains("is not the organisation in the client certificate (2120009010)");
                });
    }

    private SsbtguService port() throws Exception {
        URL wsdl = WSDL.toUri().toURL();
        SsbtguService client = new SsbtguServicePorts(wsdl).getSsbtguService();
        ((BindingProvider) client).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, "https://localhost:" + port + "/ssbtgu/v2");
        HTTPConduit conduit = (HTTPConduit) ClientProxy.getClient(client).getConduit();
        TLSClientParameters tls = new TLSClientParameters();
        tls.setSslContext(TestPki.sslContext(CONSUMER));
        conduit.setTlsClientParameters(tls);
        return client;
    }

    private static GrundlaggandeUppgifterBegaran request(String organisationsnummer, String consumer, String service) throws Exception {
        var metadata = new GrundlaggandeUppgifterBegaranMetadata();
        metadata.setMeddelandeId(UUID.randomUUID().toString());
        metadata.setTransaktionId("generated-client-" + UUID.randomUUID());
        metadata.setTidstampel(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-23T10:15:00.000+01:00"));
        var datakonsument = new Datakonsument();
        datakonsument.setPartId(partId(consumer));
        datakonsument.setPartNamn("Exempelby kommun");
        var serviceName = new Service();
        serviceName.setServiceNamn(service);
        datakonsument.setService(serviceName);
        metadata.setDatakonsument(datakonsument);
        var anvandare = new Part();
        anvandare.setPartId(partId(organisationsnummer));
        anvandare.setPartNamn("Företaget som ansöker");
        metadata.setAnvandare(anvandare);
        metadata.setAnvandningsomrade(Anvandningsomrade.INDIREKT_ATERANVANDNING);

        var identity = new PersonIdentitetsbeteckning();
        identity.setOrganisationsnummer(organisationsnummer);
        var foretagId = new ForetagId();
        foretagId.setPersonIdentitetsbeteckning(identity);
        var details = new GrundlaggandeUppgifterBegaranDetaljer();
        details.setForetagId(foretagId);
        SIXTEEN_ITEMS.forEach(item -> details.getGrundlaggandeUppgiftId().add(GrundlaggandeUppgiftId.fromValue(item)));

        var request = new GrundlaggandeUppgifterBegaran();
        request.setSchemaVersion("2.5.0");
        request.setGrundlaggandeUppgifterBegaranMetadata(metadata);
        request.setGrundlaggandeUppgifterBegaranDetaljer(details);
        return request;
    }

    private static PartId partId(String organisationsnummer) {
        var id = new PartId();
        id.setOrganisationsnummer(organisationsnummer);
        return id;
    }
}
