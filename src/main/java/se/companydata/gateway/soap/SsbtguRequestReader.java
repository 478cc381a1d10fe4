package se.companydata.gateway.soap;

import static se.companydata.gateway.soap.Ssbtgu.COMPANY;
import static se.companydata.gateway.soap.Ssbtgu.LOOKUP;
import static se.companydata.gateway.soap.Ssbtgu.METADATA;
import static se.companydata.gateway.soap.Ssbtgu.ROLE_CERTIFICATE;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.InvalidIdentityException;
import se.companydata.gateway.domain.Party;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;

/**
 * Reads a SOAP 1.1 {@code GetForetagsuppgifter} call: an envelope whose body is one
 * {@code GrundlaggandeUppgifterBegaran}, valid under the project's SSBTGU v2 schema. XML is parsed
 * with DTDs refused outright, so no entity, external or internal, is ever expanded or fetched.
 * Anything else is a {@link SoapFault} that says precisely what is wrong.
 */
@ApplicationScoped
public class SsbtguRequestReader {

    /** Larger than any sane request (16 items and a role certificate are a few kB). */
    static final int MAX_BYTES = 64 * 1024;
    static final List<String> SCHEMA_FILES = List.of("ssbt-foretag-types.xsd", "ssbt-metadata-types.xsd", "ssbt-fel-types.xsd",
            "ssbt-rollintyg-types.xsd", "ssbtgu-lookup-types.xsd", "ssbtgu-fault-types.xsd");

    private final Schema schema;
    /**
     * A parser and a validator per thread, reused: building them (factory look-up, feature set-up) cost
     * more than parsing and validating a request. Requests are read on the few event-loop threads.
     */
    private final ThreadLocal<DocumentBuilder> parsers = ThreadLocal.withInitial(SsbtguRequestReader::newParser);
    private final ThreadLocal<Validator> validators = ThreadLocal.withInitial(this::newValidator);

    SsbtguRequestReader() {
        this.schema = loadSchema();
    }

    /** The project's schema, from the classpath; imports between its files resolve there too. */
    static Schema loadSchema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            List<StreamSource> sources = new ArrayList<>();
            for (String file : SCHEMA_FILES) {
                URL url = SsbtguRequestReader.class.getClassLoader().getResource("ssbtgu/schema/" + file);
                if (url == null) {
                    throw new IllegalStateException("the SSBTGU schema file ssbtgu/schema/" + file + " is not on the classpath");
                }
                sources.add(new StreamSource(url.openStream(), url.toExternalForm()));
            }
            return factory.newSchema(sources.toArray(StreamSource[]::new));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the SSBTGU schema cannot be loaded: " + e.getMessage(), e);
        }
    }

    private Validator newValidator() {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        return validator;
    }

    SsbtguRequest read(byte[] body, String contentType, String soapAction) {
        checkTransport(body, contentType, soapAction);
        Element envelope = parse(body).getDocumentElement();
        if (Ssbtgu.SOAP_12.equals(envelope.getNamespaceURI())) {
            throw fault("SOAP 1.2 is not supported: send a SOAP 1.1 envelope (" + Ssbtgu.SOAP_11 + ") as text/xml");
        }
        if (!Ssbtgu.SOAP_11.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw fault("the body is not a SOAP 1.1 envelope: expected {" + Ssbtgu.SOAP_11 + "}Envelope, got {"
                    + envelope.getNamespaceURI() + "}" + envelope.getLocalName());
        }
        // SOAP 1.1 §4: an optional Header, first, then exactly one Body. Two Bodies are not "the last one wins".
        List<Element> parts = elements(envelope);
        int at = 0;
        if (!parts.isEmpty() && isSoap(parts.get(0), "Header")) {
            understand(parts.get(0));
            at = 1;
        }
        if (parts.size() - at != 1 || !isSoap(parts.get(at), "Body")) {
            long bodies = parts.stream().filter(p -> isSoap(p, "Body")).count();
            throw fault(bodies == 0 ? "the envelope has no Body"
                    : bodies > 1 ? "the envelope holds " + bodies + " Bodies: it holds exactly one"
                    : "the envelope holds an optional Header, first, and then one Body, and nothing else");
        }
        Element soapBody = parts.get(at);
        List<Element> content = elements(soapBody);
        if (content.size() != 1) {
            throw fault("the Body must hold exactly one element, a GrundlaggandeUppgifterBegaran; it holds " + content.size());
        }
        Element request = content.get(0);
        if (!LOOKUP.equals(request.getNamespaceURI()) || !"GrundlaggandeUppgifterBegaran".equals(request.getLocalName())) {
            throw fault("unknown operation: the Body holds {" + request.getNamespaceURI() + "}" + request.getLocalName()
                    + "; this endpoint's only operation GetForetagsuppgifter takes {" + LOOKUP + "}GrundlaggandeUppgifterBegaran");
        }
        validate(request);
        return extract(request);
    }

    private static void checkTransport(byte[] body, String contentType, String soapAction) {
        if (body == null || body.length == 0) {
            throw fault("the request has no body: send a SOAP 1.1 envelope");
        }
        if (body.length > MAX_BYTES) {
            throw fault("the request is " + body.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        String type = contentType == null ? "" : contentType.toLowerCase().split(";")[0].strip();
        if (type.equals("application/soap+xml")) {
            throw fault("SOAP 1.2 is not supported: send a SOAP 1.1 envelope as text/xml");
        }
        if (!type.equals("text/xml")) {
            throw fault("the content type is '" + contentType + "'; SOAP 1.1 is sent as text/xml");
        }
        String action = soapAction == null ? "" : soapAction.strip();
        if (action.length() >= 2 && action.startsWith("\"") && action.endsWith("\"")) {
            action = action.substring(1, action.length() - 1);
        }
        if (!action.isEmpty() && !action.equals(Ssbtgu.SOAP_ACTION)) {
            throw fault("unknown SOAPAction '" + action + "'; this endpoint's only operation is " + Ssbtgu.SOAP_ACTION);
        }
    }

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No DOCTYPE at all: no internal or external entities, no billion laughs, nothing fetched.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());   // errors become exceptions, never lines on stderr
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Document parse(byte[] body) {
        DocumentBuilder builder = parsers.get();
        try (InputStream in = new ByteArrayInputStream(body)) {
            return builder.parse(in);
        } catch (SAXParseException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not accepted (no DTDs or entities)" : e.getMessage();
            throw fault("the body is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + reason);
        } catch (SAXException | IOException e) {
            throw fault("the body is not well-formed XML: " + e.getMessage());
        }
    }

    private void validate(Element request) {
        Validator validator = validators.get();
        try {
            validator.validate(new DOMSource(request));
        } catch (SAXParseException e) {
            throw fault("the request does not follow the SSBTGU v2 schema: " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw fault("the request does not follow the SSBTGU v2 schema: " + e.getMessage());
        }
    }

    private static SsbtguRequest extract(Element request) {
        Element metadata = child(request, LOOKUP, "GrundlaggandeUppgifterBegaranMetadata");
        Element details = child(request, LOOKUP, "GrundlaggandeUppgifterBegaranDetaljer");
        if (details == null) {
            throw fault("GrundlaggandeUppgifterBegaranDetaljer is missing: name the company (ForetagId) and the items (GrundlaggandeUppgiftId)");
        }
        String transactionId = text(metadata, METADATA, "TransaktionId");
        if (!transactionId.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw fault("TransaktionId must be printable ASCII (it is sent on to the producers as X-Request-Id)");
        }
        Element ttl = child(metadata, METADATA, "TTL");
        Duration budget = ttl == null ? null : Duration.ofMillis(Long.parseLong(ttl.getTextContent().strip()));
        SsbtguParty datakonsument = party(child(metadata, METADATA, "Datakonsument"));
        if (datakonsument.serviceName() == null) {
            throw fault("Datakonsument/Service/ServiceNamn is missing: it names the registered e-service (tjänstenamn)");
        }
        Element anvandareElement = child(metadata, METADATA, "Anvandare");
        SsbtguParty anvandare = party(anvandareElement);
        Party onBehalfOf;
        try {
            onBehalfOf = new Party(CompanyId.parse(anvandare.number(), null), anvandare.name());
        } catch (InvalidIdentityException e) {
            throw fault("Anvandare: " + e.getMessage());
        }
        Element useArea = child(metadata, METADATA, "Anvandningsomrade");

        Element foretagId = child(details, LOOKUP, "ForetagId");
        Element identity = elements(child(foretagId, COMPANY, "PersonIdentitetsbeteckning")).get(0);
        Element lopnummer = child(foretagId, COMPANY, "Namnskyddslopnummer");
        CompanyId company = company(identity, lopnummer == null ? null : Integer.valueOf(lopnummer.getTextContent().strip()));
        EnumSet<UdItem> items = EnumSet.noneOf(UdItem.class);
        for (Element id : elements(details)) {
            if (LOOKUP.equals(id.getNamespaceURI()) && "GrundlaggandeUppgiftId".equals(id.getLocalName())) {
                items.add(UdItem.valueOf(id.getTextContent().strip()));
            }
        }
        Element role = child(details, ROLE_CERTIFICATE, "RollIntyg");
        String roleId = role == null ? null : text(child(role, ROLE_CERTIFICATE, "RollIntygMetadata"), ROLE_CERTIFICATE, "RollIntygId");
        return new SsbtguRequest(transactionId, datakonsument, anvandare, onBehalfOf,
                useArea == null ? null : UseArea.valueOf(useArea.getTextContent().strip()), budget, company, items, roleId);
    }

    private static CompanyId company(Element identity, Integer lopnummer) {
        String element = identity.getLocalName();
        if (element.equals("GDNummer")) {
            throw fault("a GD-nummer is not supported: ask by organisationsnummer, personnummer or samordningsnummer");
        }
        CompanyId id;
        try {
            id = CompanyId.parse(identity.getTextContent().strip(), lopnummer);
        } catch (InvalidIdentityException e) {
            throw fault("ForetagId: " + e.getMessage());
        }
        if (!id.type().name().equals(element)) {
            throw fault("ForetagId: " + identity.getTextContent().strip() + " is a " + id.type() + ", not a " + element);
        }
        return id;
    }

    private static SsbtguParty party(Element party) {
        Element partId = elements(child(party, METADATA, "PartId")).get(0);
        Element service = child(party, METADATA, "Service");
        IdentityType type = partId.getLocalName().equals("Organisationsnummer") ? IdentityType.Organisationsnummer : IdentityType.Personnummer;
        return new SsbtguParty(type, partId.getTextContent().strip(), text(party, METADATA, "PartNamn"),
                service == null ? null : text(service, METADATA, "ServiceNamn"));
    }

    private static boolean isSoap(Element element, String name) {
        return Ssbtgu.SOAP_11.equals(element.getNamespaceURI()) && name.equals(element.getLocalName());
    }

    /** This endpoint understands no header block: one marked {@code mustUnderstand="1"} is a MustUnderstand fault. */
    private static void understand(Element header) {
        for (Element block : elements(header)) {
            String mustUnderstand = block.getAttributeNS(Ssbtgu.SOAP_11, "mustUnderstand");
            if ("1".equals(mustUnderstand.strip())) {
                throw SoapFault.mustUnderstand("the header block {" + block.getNamespaceURI() + "}" + block.getLocalName()
                        + " is marked mustUnderstand, and this endpoint does not understand it");
            }
        }
    }

    private static SoapFault fault(String description) {
        return SoapFault.client(ErrorType.OgiltigBegaran, description);
    }

    private static String text(Element parent, String namespace, String name) {
        Element child = child(parent, namespace, name);
        return child == null ? null : child.getTextContent().strip();
    }

    private static Element child(Element parent, String namespace, String name) {
        for (Element child : elements(parent)) {
            if (namespace.equals(child.getNamespaceURI()) && name.equals(child.getLocalName())) {
                return child;
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
