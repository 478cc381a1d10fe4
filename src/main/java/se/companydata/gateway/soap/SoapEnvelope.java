package se.companydata.gateway.soap;

import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a SOAP 1.1 envelope around one body element, with every SSBTGU namespace declared once on the envelope. */
final class SoapEnvelope {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private SoapEnvelope() {
    }

    /** Prefixes the answers use, declared once on the envelope. */
    private static final Map<String, String> PREFIXES = prefixes();

    private static Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("soap", Ssbtgu.SOAP_11);
        prefixes.put("gu", Ssbtgu.LOOKUP);
        prefixes.put("sf", Ssbtgu.FAULT);
        prefixes.put("md", Ssbtgu.METADATA);
        prefixes.put("fel", Ssbtgu.FEL);
        prefixes.put("fo", Ssbtgu.COMPANY);
        return Collections.unmodifiableMap(prefixes);
    }

    static String of(XmlNode body) {
        StringWriter text = new StringWriter(4096);
        try {
            XMLStreamWriter out = OUTPUT.createXMLStreamWriter(text);
            out.writeStartDocument("UTF-8", "1.0");
            for (var prefix : PREFIXES.entrySet()) {
                out.setPrefix(prefix.getKey(), prefix.getValue());
            }
            out.writeStartElement(Ssbtgu.SOAP_11, "Envelope");
            for (var prefix : PREFIXES.entrySet()) {
                out.writeNamespace(prefix.getKey(), prefix.getValue());
            }
            out.writeStartElement(Ssbtgu.SOAP_11, "Body");
            body.write(out);
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            // Writing to a string cannot fail for I/O reasons; this is a programming error.
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
