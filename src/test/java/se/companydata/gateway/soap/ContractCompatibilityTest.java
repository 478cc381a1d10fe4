package se.companydata.gateway.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The project's own SSBTGU v2 WSDL and schemas (src/main/resources/ssbtgu) against the official ones
 * in ../shared/contracts/ssbtgu-v2: every namespace declares the same elements and types with the
 * same content, the WSDL the same messages, operation, binding and soapAction, and the official
 * example answers are valid answers under the project's schema. Without ../shared these tests report
 * themselves skipped (CI always has it); the project's own schema is always compiled and checked.
 */
class ContractCompatibilityTest {

    static final Path OFFICIAL = Path.of("../shared/contracts/ssbtgu-v2");
    static final String OWN = "ssbtgu/";
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final List<String> OWN_SCHEMAS = List.of("ssbt-foretag-types.xsd", "ssbt-metadata-types.xsd", "ssbt-fel-types.xsd",
            "ssbt-rollintyg-types.xsd", "ssbtgu-lookup-types.xsd", "ssbtgu-fault-types.xsd");

    @Test
    void theProjectsOwnSchemaCompilesWithoutReachingOutside() throws Exception {
        Schema schema = ownSchema();
        assertThat(schema.newValidator()).isNotNull();
    }

    @Test
    void everyNamespaceDeclaresTheSameElementsAndTypesAsTheOfficialSchemas() throws Exception {
        assumeOfficialContract();
        Map<String, String> official = new TreeMap<>();
        try (Stream<Path> files = Files.walk(OFFICIAL.resolve("schema"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xsd")).toList()) {
                declarations(Xml.parse(Files.newInputStream(file)), official);
            }
        }
        Map<String, String> own = new TreeMap<>();
        for (String file : OWN_SCHEMAS) {
            declarations(Xml.parse(resource("schema/" + file)), own);
        }
        assertThat(own).hasSameSizeAs(official).containsExactlyInAnyOrderEntriesOf(official);
    }

    @Test
    void theWsdlDescribesTheSameServiceAsTheOfficialOne() throws Exception {
        assumeOfficialContract();
        assertThat(wsdlSummary(Xml.parse(resource("ssbtgu-v2.wsdl"))))
                .isEqualTo(wsdlSummary(Xml.parse(Files.newInputStream(OFFICIAL.resolve("Ssbtgu.wsdl")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"svar-aktiebolag.xml", "svar-med-saknade-uppgifter.xml"})
    void theOfficialExampleAnswersAreValidUnderTheProjectsSchema(String example) throws Exception {
        assumeOfficialContract();
        Document envelope = Xml.parse(Files.newInputStream(OFFICIAL.resolve("examples").resolve(example)));
        Element answer = Xml.firstElement(Xml.child(envelope.getDocumentElement(), SOAP_ENVELOPE, "Body"));
        assertThat(answer.getLocalName()).isEqualTo("GrundlaggandeUppgifterSvar");
        ownSchema().newValidator().validate(new DOMSource(answer));
    }

    /** Our schema, loaded from the classpath with imports resolved there too: nothing is fetched from outside. */
    static Schema ownSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XSD);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar:file");
        List<StreamSource> sources = new ArrayList<>();
        for (String file : OWN_SCHEMAS) {
            var url = ContractCompatibilityTest.class.getClassLoader().getResource(OWN + "schema/" + file);
            sources.add(new StreamSource(url.openStream(), url.toExternalForm()));
        }
        return factory.newSchema(sources.toArray(StreamSource[]::new));
    }

    static void assumeOfficialContract() {
        assumeThat(Files.isDirectory(OFFICIAL)).as("the official SSBTGU v2 contract in " + OFFICIAL.toAbsolutePath()).isTrue();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ContractCompatibilityTest.class.getClassLoader().getResourceAsStream(OWN + name);
        if (in == null) {
            throw new IOException("no resource " + OWN + name);
        }
        return in;
    }

    /** Every top-level declaration of a schema document, keyed by namespace, kind and name, as a canonical string. */
    private static void declarations(Document schema, Map<String, String> into) {
        Element root = schema.getDocumentElement();
        String ns = root.getAttribute("targetNamespace");
        into.put("{" + ns + "} schema", "elementForm=" + root.getAttribute("elementFormDefault")
                + " attributeForm=" + root.getAttribute("attributeFormDefault"));
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XSD.equals(e.getNamespaceURI()) && !e.getLocalName().equals("import")
                    && !e.getLocalName().equals("annotation")) {
                into.put("{" + ns + "}" + e.getLocalName() + ":" + e.getAttribute("name"), canonical(e));
            }
        }
    }

    /**
     * A declaration as what it means on the wire: element names in order, attributes sorted, QName values
     * resolved to {namespace}name whatever the prefix, default occurrence bounds dropped, documentation and
     * whitespace ignored.
     */
    static String canonical(Element e) {
        StringBuilder out = new StringBuilder(e.getLocalName()).append('[');
        var attributes = new TreeMap<String, String>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            String name = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (a.getNodeName().startsWith("xmlns") || name.equals("version") || name.equals("schemaLocation")) {
                continue;
            }
            String value = a.getNodeValue();
            if ((name.equals("minOccurs") || name.equals("maxOccurs")) && value.equals("1")) {
                continue;
            }
            if (name.equals("type") || name.equals("ref") || name.equals("base") || name.equals("element")
                    || name.equals("message") || name.equals("binding")) {
                value = resolve(e, value);
            }
            attributes.put(name, value);
        }
        out.append(attributes).append(']');
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && !child.getLocalName().equals("annotation") && !child.getLocalName().equals("documentation")) {
                out.append('(').append(canonical(child)).append(')');
            }
        }
        return out.toString();
    }

    private static String resolve(Element context, String qname) {
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? null : qname.substring(0, colon);
        String uri = context.lookupNamespaceURI(prefix);
        return "{" + (uri == null ? "" : uri) + "}" + qname.substring(colon + 1);
    }

    /** Messages, port type, binding (with soapAction) and service names: everything but addresses and documentation. */
    private static List<String> wsdlSummary(Document wsdl) {
        List<String> summary = new ArrayList<>();
        Element root = wsdl.getDocumentElement();
        summary.add("targetNamespace=" + root.getAttribute("targetNamespace"));
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSDL.equals(e.getNamespaceURI())
                    && List.of("message", "portType", "binding").contains(e.getLocalName())) {
                summary.add(canonical(e));
            }
            if (n instanceof Element e && WSDL.equals(e.getNamespaceURI()) && e.getLocalName().equals("service")) {
                Element port = Xml.child(e, WSDL, "port");
                summary.add("service " + e.getAttribute("name") + " port " + port.getAttribute("name") + " binding "
                        + resolve(port, port.getAttribute("binding")));
            }
        }
        summary.sort(String::compareTo);
        return summary;
    }
}
