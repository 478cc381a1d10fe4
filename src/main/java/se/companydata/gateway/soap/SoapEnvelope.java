package se.companydata.gateway.soap;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a SOAP 1.1 envelope around one body element, with every SSBTGU namespace declared once on the envelope. */
final class SoapEnvelope {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private SoapEnvelope() {
    }

    static String of(XmlNode body) {
        StringWriter text = new StringWriter(4096);
        try {
            XMLStreamWriter out = OUTPUT.createXMLStreamWriter(text);
            out.writeStartDocument("UTF-8", "1.0");
            declare(out);
            out.writeStartElement(Ssbtgu.SOAP_11, "Envelope");
            out.writeNamespace("soap", Ssbtgu.SOAP_11);
            out.writeNamespace("gu", Ssbtgu.LOOKUP);
            out.writeNamespace("sf", Ssbtgu.FAULT);
            out.writeNamespace("md", Ssbtgu.METADATA);
            out.writeNamespace("fel", Ssbtgu.FEL);
            out.writeNamespace("fo", Ssbtgu.COMPANY);
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

    private static void declare(XMLStreamWriter out) throws XMLStreamException {
        out.setPrefix("soap", Ssbtgu.SOAP_11);
        out.setPrefix("gu", Ssbtgu.LOOKUP);
        out.setPrefix("sf", Ssbtgu.FAULT);
        out.setPrefix("md", Ssbtgu.METADATA);
        out.setPrefix("fel", Ssbtgu.FEL);
        out.setPrefix("fo", Ssbtgu.COMPANY);
    }
}
