package io.liaison.catalog.binding;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A bound data object (ADatP-4778): a data object and its ADatP-4774 label, tied together by an XML signature.
 * The label sits in {@code mb:BindingInformation/mb:MetadataBindingContainer/mb:MetadataBinding/mb:Metadata}, the
 * binding's {@code mb:DataReference} points at the data object, and a {@code ds:Signature} (Ed25519, exclusive
 * canonicalisation, SHA-256) in the container signs both the metadata binding and the data object, with the signer's
 * certificate in its key info. {@link #verify} checks the binding before anything reads the label or the data: the
 * structure (one binding, one data object, one signature, identifiers that name nothing else), the signer (trusted
 * by the caller), and that the signature covers exactly the binding and the data object.
 *
 * @param label the ADatP-4774 label, as XML
 * @param title the data object's title
 * @param data the data object's content
 * @param signer the certificate of who bound them
 */
public record BoundObject(byte[] label, String title, byte[] data, X509Certificate signer) {
    public static final String MB = "urn:nato:stanag:4778:bindinginformation:1:0";
    public static final String NS = "urn:liaison:bdo:1";
    public static final int MAX_BYTES = 16 << 20;
    private static final String BINDING_ID = "binding";
    private static final String DATA_ID = "data";

    public BoundObject {
        label = label.clone();
        Objects.requireNonNull(title, "title");
        data = data.clone();
        Objects.requireNonNull(signer, "signer");
    }

    @Override
    public byte[] label() {
        return label.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Binds {@code data} and its {@code label} (ADatP-4774 XML) with {@code key}, whose certificate is {@code cert}. */
    public static byte[] bind(byte[] label, String title, byte[] data, PrivateKey key, X509Certificate cert) {
        try {
            Document labelDoc = SafeXml.parse(label, "label", MAX_BYTES);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().newDocument();
            Element root = doc.createElementNS(NS, "bdo:BoundDataObject");
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:bdo", NS);
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:mb", MB);
            doc.appendChild(root);
            Element info = child(doc, root, MB, "mb:BindingInformation");
            Element container = child(doc, info, MB, "mb:MetadataBindingContainer");
            Element binding = child(doc, container, MB, "mb:MetadataBinding");
            binding.setAttributeNS(null, "Id", BINDING_ID);
            binding.setIdAttributeNS(null, "Id", true);
            child(doc, binding, MB, "mb:Metadata").appendChild(doc.importNode(labelDoc.getDocumentElement(), true));
            child(doc, binding, MB, "mb:DataReference").setAttributeNS(null, "URI", "#" + DATA_ID);
            Element dataElement = child(doc, root, NS, "bdo:Data");
            dataElement.setAttributeNS(null, "Id", DATA_ID);
            dataElement.setIdAttributeNS(null, "Id", true);
            dataElement.setAttributeNS(null, "title", title);
            dataElement.setAttributeNS(null, "mediaType", "text/plain; charset=utf-8");
            dataElement.setTextContent(Base64.getEncoder().encodeToString(data));

            XMLSignatureFactory xf = XMLSignatureFactory.getInstance("DOM");
            List<Transform> c14n = List.of(xf.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            DigestMethod sha256 = xf.newDigestMethod(DigestMethod.SHA256, null);
            SignedInfo si = xf.newSignedInfo(xf.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                    (C14NMethodParameterSpec) null), xf.newSignatureMethod(SignatureMethod.ED25519, null),
                    List.of(xf.newReference("#" + BINDING_ID, sha256, c14n, null, null),
                            xf.newReference("#" + DATA_ID, sha256, c14n, null, null)));
            KeyInfoFactory kf = xf.getKeyInfoFactory();
            KeyInfo ki = kf.newKeyInfo(List.of(kf.newX509Data(List.of(cert))));
            DOMSignContext ctx = new DOMSignContext(key, container);
            ctx.setDefaultNamespacePrefix("ds");
            xf.newXMLSignature(si, ki).sign(ctx);
            return serialize(doc);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the data object: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a bound data object and only then reads it; refused, with the reason, when it is not one, when the
     * signer is not {@code trusted}, or when the signature does not cover exactly its binding and its data object.
     */
    public static BoundObject verify(byte[] bytes, String source, Predicate<X509Certificate> trusted) {
        Document doc = SafeXml.parse(bytes, source, MAX_BYTES);
        Element root = doc.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"BoundDataObject".equals(root.getLocalName())) {
            throw broken(source, "the root element must be BoundDataObject in namespace " + NS);
        }
        Element info = one(root, MB, "BindingInformation", source);
        Element container = one(info, MB, "MetadataBindingContainer", source);
        Element binding = one(container, MB, "MetadataBinding", source);
        Element signature = one(container, XMLSignature.XMLNS, "Signature", source);
        Element data = one(root, NS, "Data", source);
        String bindingId = binding.getAttribute("Id");
        String dataId = data.getAttribute("Id");
        if (bindingId.isEmpty() || dataId.isEmpty() || bindingId.equals(dataId)) {
            throw broken(source, "the metadata binding and the data object need distinct Id attributes");
        }
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e != binding && e != data && (e.getAttribute("Id").equals(bindingId) || e.getAttribute("Id")
                    .equals(dataId))) {
                throw broken(source, "another element " + SafeXml.path(e) + " carries the Id " + e.getAttribute("Id"));
            }
        }
        binding.setIdAttributeNS(null, "Id", true);
        data.setIdAttributeNS(null, "Id", true);
        Element reference = one(binding, MB, "DataReference", source);
        if (!reference.getAttribute("URI").equals("#" + dataId)) {
            throw broken(source, "the binding's DataReference " + reference.getAttribute("URI") + " is not the data "
                    + "object #" + dataId);
        }
        try {
            XMLSignatureFactory xf = XMLSignatureFactory.getInstance("DOM");
            DOMValidateContext probe = new DOMValidateContext(new NoKey(), signature);
            XMLSignature unchecked = xf.unmarshalXMLSignature(probe);
            X509Certificate cert = certificate(unchecked.getKeyInfo(), source);
            if (!trusted.test(cert)) {
                throw new InvalidInputException("BINDING_UNTRUSTED", source + ": the binding is signed by "
                        + cert.getSubjectX500Principal().getName() + ", who is not trusted here");
            }
            DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), signature);
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature sig = xf.unmarshalXMLSignature(ctx);
            List<String> uris = new ArrayList<>();
            for (Object o : sig.getSignedInfo().getReferences()) {
                uris.add(((Reference) o).getURI());
            }
            if (!uris.equals(List.of("#" + bindingId, "#" + dataId))) {
                throw broken(source, "the signature covers " + uris + ", not exactly the binding #" + bindingId
                        + " and the data object #" + dataId);
            }
            if (!sig.validate(ctx)) {
                List<String> failed = new ArrayList<>();
                if (!sig.getSignatureValue().validate(ctx)) {
                    failed.add("the signature value");
                }
                for (Object o : sig.getSignedInfo().getReferences()) {
                    Reference r = (Reference) o;
                    if (!r.validate(ctx)) {
                        failed.add(r.getURI().equals("#" + bindingId) ? "the label (metadata binding)" : "the data object");
                    }
                }
                throw new InvalidInputException("BINDING_BROKEN", source + ": the binding does not verify: "
                        + String.join(", ", failed) + " changed since it was signed (ADatP-4778)");
            }
            Element label = firstElement(one(binding, MB, "Metadata", source), source);
            byte[] labelBytes = serialize(label);
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(data.getTextContent().strip());
            } catch (IllegalArgumentException e) {
                throw broken(source, "the data object is not base64");
            }
            return new BoundObject(labelBytes, data.getAttribute("title"), content, cert);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException("BINDING_BROKEN", source + ": the binding's signature cannot be checked: "
                    + e.getMessage());
        }
    }

    private static X509Certificate certificate(KeyInfo ki, String source) {
        if (ki == null) {
            throw broken(source, "the signature names no signer (KeyInfo/X509Data)");
        }
        List<X509Certificate> found = new ArrayList<>();
        for (Object o : ki.getContent()) {
            if (o instanceof X509Data xd) {
                for (Object c : xd.getContent()) {
                    if (c instanceof X509Certificate x) {
                        found.add(x);
                    }
                }
            }
        }
        if (found.size() != 1) {
            throw broken(source, "the signature carries " + found.size() + " certificates; one is expected");
        }
        return found.getFirst();
    }

    /** A key selector for reading the signature before its signer is known; it never returns a key. */
    private static final class NoKey extends javax.xml.crypto.KeySelector {
        @Override
        public javax.xml.crypto.KeySelectorResult select(KeyInfo keyInfo, Purpose purpose,
                javax.xml.crypto.AlgorithmMethod method, javax.xml.crypto.XMLCryptoContext context) {
            throw new IllegalStateException("no key before the signer is trusted");
        }
    }

    private static Element child(Document doc, Element parent, String ns, String name) {
        Element e = doc.createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static Element one(Element parent, String ns, String local, String source) {
        List<Element> found = SafeXml.children(parent, ns, local);
        if (found.size() != 1) {
            throw broken(source, SafeXml.path(parent) + " has " + found.size() + " " + local + " elements; one is "
                    + "expected");
        }
        return found.getFirst();
    }

    private static Element firstElement(Element parent, String source) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        if (found.size() != 1) {
            throw broken(source, "the metadata holds " + found.size() + " labels; one is expected");
        }
        return found.getFirst();
    }

    private static byte[] serialize(Node node) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(node), new StreamResult(out));
        return out.toByteArray();
    }

    private static InvalidInputException broken(String source, String why) {
        return new InvalidInputException("BINDING_INVALID", source + ": " + why + " (ADatP-4778)");
    }

    /** The data object as text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
