package se.companydata.gateway.soap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small immutable XML element tree. An SSBTGU item is built as a tree first and written only when
 * complete, so a producer value that does not fit the contract becomes that item's {@code Fel}
 * instead of half an element.
 */
record XmlNode(String namespace, String name, String text, Map<String, String> attributes, List<XmlNode> children) {

    XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    static XmlNode text(String namespace, String name, String text) {
        return new XmlNode(namespace, name, text, Map.of(), List.of());
    }

    static XmlNode of(String namespace, String name, XmlNode... children) {
        return new XmlNode(namespace, name, null, Map.of(), List.of(children));
    }

    static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** Writes the tree; prefixes come from the writer's namespace context (declared once, on the root). */
    void write(XMLStreamWriter out) throws XMLStreamException {
        // An empty namespace is an unqualified element (SOAP 1.1's faultcode, faultstring, detail).
        if (children.isEmpty() && text == null) {
            if (namespace.isEmpty()) {
                out.writeEmptyElement(name);
            } else {
                out.writeEmptyElement(namespace, name);
            }
            writeAttributes(out);
            return;
        }
        if (namespace.isEmpty()) {
            out.writeStartElement(name);
        } else {
            out.writeStartElement(namespace, name);
        }
        writeAttributes(out);
        if (text != null) {
            out.writeCharacters(text);
        }
        for (XmlNode child : children) {
            child.write(out);
        }
        out.writeEndElement();
    }

    private void writeAttributes(XMLStreamWriter out) throws XMLStreamException {
        for (var attribute : attributes.entrySet()) {
            out.writeAttribute(attribute.getKey(), attribute.getValue());
        }
    }

    static final class Builder {
        private final String namespace;
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<XmlNode> children = new ArrayList<>();

        private Builder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        Builder attribute(String attribute, String value) {
            attributes.put(attribute, value);
            return this;
        }

        Builder add(XmlNode child) {
            children.add(child);
            return this;
        }

        /** A child with text, left out when the value is null (an optional element the producer did not give). */
        Builder optional(String childNamespace, String childName, String value) {
            if (value != null) {
                children.add(text(childNamespace, childName, value));
            }
            return this;
        }

        XmlNode build() {
            return new XmlNode(namespace, name, null, attributes, children);
        }
    }
}
