package io.liaison.catalog.xml;

import io.liaison.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The only way Liaison parses XML: namespace-aware DOM with DTDs refused outright (so no external
 * entities and no entity expansion bombs), no XInclude, no external access, and a size limit checked
 * before parsing. Errors name the source and the rule.
 */
public final class SafeXml {
    private SafeXml() {}

    public static Document parse(byte[] bytes, String source, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new InvalidInputException("XML_TOO_LARGE", source + ": " + bytes.length + " bytes is over the limit of "
                    + maxBytes + " bytes");
        }
        DocumentBuilder builder = BUILDERS.poll();
        if (builder == null) {
            builder = newBuilder();
        } else {
            POOLED.decrementAndGet();
        }
        try {
            Document d = builder.parse(new ByteArrayInputStream(bytes));
            release(builder);
            if (!"1.0".equals(d.getXmlVersion())) {
                // XML 1.1 admits control characters that no XML 1.0 document, which is what is written, can carry.
                throw new InvalidInputException("XML_INVALID", source + ": XML version " + d.getXmlVersion()
                        + " is not accepted; write XML 1.0");
            }
            return d;
        } catch (SAXParseException e) {
            String why = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed (DTDs and entities are refused)" : e.getMessage();
            throw new InvalidInputException("XML_INVALID", source + ": line " + e.getLineNumber() + ": " + why);
        } catch (SAXException e) {
            throw new InvalidInputException("XML_INVALID", source + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("XML_INVALID", source + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * Hardened builders are costly to make (a factory lookup and its configuration each time), so parsed
     * documents reuse them: a builder is reset and returned after a successful parse, and dropped after a
     * failure. The pool is shared by all threads, virtual ones included.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<DocumentBuilder> BUILDERS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int POOL = 64;
    private static final java.util.concurrent.atomic.AtomicInteger POOLED = new java.util.concurrent.atomic.AtomicInteger();

    private static void release(DocumentBuilder builder) {
        builder.reset();
        installHandlers(builder);
        if (POOLED.incrementAndGet() <= POOL) {
            BUILDERS.add(builder);
        } else {
            POOLED.decrementAndGet();
        }
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilder builder;
        try {
            builder = factory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
        installHandlers(builder);
        return builder;
    }

    private static void installHandlers(DocumentBuilder builder) {
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) { }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
        });
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
        }
        return f;
    }

    /** Child elements of {@code parent} with the namespace and local name, in document order. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** A readable path such as {@code /SPIF/securityClassifications/securityClassification[2]}. */
    public static String path(Element e) {
        StringBuilder sb = new StringBuilder();
        Node n = e;
        while (n instanceof Element el) {
            int index = 1;
            int same = 0;
            for (Node s = el.getParentNode() == null ? null : el.getParentNode().getFirstChild(); s != null;
                    s = s.getNextSibling()) {
                if (s instanceof Element se && se.getLocalName().equals(el.getLocalName())) {
                    same++;
                    if (s == el) {
                        index = same;
                    }
                }
            }
            String step = "/" + el.getLocalName() + (same > 1 ? "[" + index + "]" : "");
            sb.insert(0, step);
            n = el.getParentNode();
        }
        return sb.toString();
    }

    /** Escapes text for an XML element or a double-quoted attribute. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                // As references, so that a tab or a line break inside a value reads back as itself.
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
