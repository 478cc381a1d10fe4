package se.companydata.gateway.soap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading SOAP messages in tests: a hardened parser and a few DOM walks. */
final class Xml {

    private Xml() {
    }

    static Document parse(InputStream in) throws Exception {
        try (in) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    /** The element in a SOAP 1.1 envelope's Body. */
    static Element body(String envelope) throws Exception {
        Document document = parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
        Element body = child(document.getDocumentElement(), Ssbtgu.SOAP_11, "Body");
        if (body == null) {
            throw new AssertionError("no SOAP Body in " + envelope);
        }
        return firstElement(body);
    }

    /** The first child element with this name, or null. */
    static Element child(Element parent, String namespace, String name) {
        for (Element e : elements(parent)) {
            if (namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The first child element with this local name, whatever its namespace (SOAP 1.1's unqualified fault parts). */
    static Element childByName(Element parent, String name) {
        for (Element e : elements(parent)) {
            if (name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getLocalName());
    }

    static Element firstElement(Element parent) {
        List<Element> elements = elements(parent);
        if (elements.isEmpty()) {
            throw new AssertionError("no element in " + parent.getLocalName());
        }
        return elements.get(0);
    }

    static Element lastElement(Element parent) {
        List<Element> elements = elements(parent);
        return elements.isEmpty() ? null : elements.get(elements.size() - 1);
    }

    /** The UDxxxx elements of an answer, in document order. */
    static List<Element> items(Element answer) {
        return elements(child(answer, Ssbtgu.LOOKUP, "GrundlaggandeUppgifterSvarDetaljer")).stream()
                .filter(e -> e.getLocalName().startsWith("UD")).toList();
    }

    static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
