package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.catalog.binding.BoundObject;
import io.liaison.catalog.json.RequestJson;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.party.Purpose;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.SecurityLabel;
import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.crypto.Pki;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bound data objects (ADatP-4778) in and out of the node. {@code GET /api/items/{id}/bound} reads the item as any read
 * is decided and audited, and binds its label to its text with the node's signing key. {@code POST /api/items/bound}
 * verifies an object bound by another system before anything reads it (signed by a key certified by this party's CA
 * or a peer's), then creates the item with its label, which must be in this node's policy, as any new item is.
 */
final class BindingHandlers {
    private final Node node;
    private final Optional<Federation> federation;

    BindingHandlers(Node node, Optional<Federation> federation) {
        this.node = node;
        this.federation = federation;
    }

    /** A bound data object as XML text, and the purposes the new item serves. */
    record ImportRequest(String bound, List<String> purposes, String source) {}

    void register(Routes r) {
        r.user(GET, "/api/items/{id}/bound", Set.of(), "The item as a bound data object (ADatP-4778, application/xml): "
                + "its label bound to its text by the node's signature; read as any read (R9)", (ctx, u) -> {
                    Optional<Purpose> purpose = Optional.ofNullable(ctx.queryParam("purpose")).filter(p -> !p.isBlank())
                            .map(Purpose::of);
                    ItemView v = node.items().read(u, ctx.pathParam("id"), purpose);
                    if (!Files.exists(node.paths().signingCertificate())) {
                        throw new ConflictException("SIGNING_CERTIFICATE_MISSING", "this node has no signing certificate "
                                + "from its party CA, so it cannot bind");
                    }
                    X509Certificate cert = Pki.readCertificatePem(node.paths().signingCertificate());
                    byte[] label = LabelXml.write(v.originatorLabel(), LabelRole.ORIGINATOR)
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] bound = node.signer().bind(label, v.title(), v.text().orElse("")
                            .getBytes(StandardCharsets.UTF_8), cert);
                    ctx.status(200).contentType("application/xml; charset=utf-8").header("Content-Disposition",
                            "attachment; filename=\"" + v.id() + ".bdo.xml\"").result(bound);
                });
        r.user(POST, "/api/items/bound", ItemHandlers.AUTHORS, "Import an object bound by another system (ADatP-4778): its binding is "
                + "verified first, then it is a new item with its label", (ctx, u) -> {
                    ImportRequest req = Bodies.read(ctx, ImportRequest.class, Math.min(node.config().bodyLimit(),
                            BoundObject.MAX_BYTES));
                    if (req.bound() == null || req.bound().isBlank()) {
                        throw new InvalidInputException("FIELD_MISSING", "field bound is required: the bound data object");
                    }
                    String source = Optional.ofNullable(req.source()).filter(s -> !s.isBlank()).map(Bodies::shorten)
                            .orElse("request body");
                    BoundObject b = BoundObject.verify(req.bound().getBytes(StandardCharsets.UTF_8), source,
                            this::trusted);
                    SecurityLabel label = new RequestJson(node.catalog()).label(new RequestJson.LabelDto(
                            node.policy().id(), null, null, null, null, null, new String(b.label(),
                            StandardCharsets.UTF_8)), node.party());
                    NewItem item = new NewItem(b.title().isBlank() ? "bound object from " + source : b.title(), b.text(),
                            label, req.purposes() == null ? Set.of() : req.purposes().stream().map(Purpose::of)
                            .collect(Collectors.toSet()), false, List.of(), "registry");
                    ItemView v = node.items().create(u, item);
                    Map<String, Object> out = new java.util.LinkedHashMap<>(ItemJson.view(v, false));
                    out.put("boundBy", b.signer().getSubjectX500Principal().getName());
                    Bodies.json(ctx, 201, out);
                });
    }

    /** Certified by this party's CA or a peer's, and valid now (as a peer's envelope signer is checked). */
    private boolean trusted(X509Certificate cert) {
        List<X509Certificate> cas = new ArrayList<>();
        cas.add(Pki.readCertificatePem(node.paths().caCertificate()));
        federation.ifPresent(f -> f.peers().list().forEach(p -> cas.add(p.ca())));
        return cas.stream().anyMatch(ca -> Pki.checkIssued(cert, ca, node.clock().instant()).isEmpty());
    }
}
