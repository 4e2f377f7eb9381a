package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.liaison.catalog.json.RequestJson;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.DestructionCertificate;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/items} and {@code /api/search}: thin handlers over {@link io.liaison.node.items.Items}. */
final class ItemHandlers {
    static final Set<Role> AUTHORS = Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER,
            Role.DUTY_OFFICER);
    private final Node node;

    private final java.util.Optional<io.liaison.federation.Federation> federation;

    ItemHandlers(Node node) {
        this(node, java.util.Optional.empty());
    }

    /** With federation, a reclassification also reaches every holder of the item (R12). */
    ItemHandlers(Node node, java.util.Optional<io.liaison.federation.Federation> federation) {
        this.federation = federation;
        this.node = node;
    }

    void register(Routes r) {
        r.user(POST, "/api/items", AUTHORS, "Create an item with a label in the node's policy", this::create);
        r.user(GET, "/api/items", Set.of(), "List the items you may read", this::list);
        r.user(GET, "/api/items/{id}", Set.of(), "Read an item (R9); an unreadable item answers like a missing one",
                this::read);
        r.user(POST, "/api/items/{id}/copy", AUTHORS, "Make a copy, extract or translation (R4)", this::derive);
        r.user(POST, "/api/items/{id}/reclassify", Set.of(Role.SECURITY_OFFICER),
                "Change the level of an item this party originated, and of every copy (R12)", this::reclassify);
        r.user(POST, "/api/items/{id}/destroy", Set.of(Role.SECURITY_OFFICER),
                "Destroy an item by crypto-shredding; returns the signed certificate (R13)", this::destroy);
        r.user(GET, "/api/items/{id}/inventory", Set.of(), "The item's custody history (R11)", this::inventory);
        r.user(POST, "/api/items/{id}/transfer", AUTHORS, "Transfer custody of an item (R11)", this::transfer);
        r.user(GET, "/api/search", Set.of(), "Full-text search over the items you may read (R10), "
                + "narrowed by ?level=, ?purpose=, ?originator=; facets count each", this::search);
    }

    private long limit() {
        return node.config().bodyLimit();
    }

    private void create(Context ctx, User user) {
        ItemJson.CreateRequest req = Bodies.read(ctx, ItemJson.CreateRequest.class, limit());
        if (req.label() == null) {
            throw new InvalidInputException("LABEL_MISSING", "field label is required (R1)");
        }
        RequestJson.LabelDto dto = req.label().policy() == null ? new RequestJson.LabelDto(node.policy().id(),
                req.label().classification(), req.label().banner(), req.label().categories(), req.label().originator(),
                req.label().created(), req.label().xml()) : req.label();
        if (!dto.policy().equals(node.policy().id())) {
            throw new InvalidInputException("LABEL_POLICY", "label policy " + dto.policy() + " is not this node's policy "
                    + node.policy().id());
        }
        SecurityLabel label = new RequestJson(node.catalog()).label(dto, node.party());
        NewItem item = new NewItem(req.title(), req.text() == null ? "" : req.text(), label,
                req.purposes() == null ? Set.of() : req.purposes().stream().map(Purpose::of).collect(Collectors.toSet()),
                Boolean.TRUE.equals(req.privateRights()),
                req.attachments() == null ? List.of() : req.attachments().stream().map(ItemJson::attachment).toList(),
                req.location());
        ItemView v = node.items().create(user, item);
        Bodies.json(ctx, 201, ItemJson.view(v, false));
    }

    private void list(Context ctx, User user) {
        Bodies.json(ctx, 200, ItemJson.page(node.items().search(user, "", offset(ctx), limit(ctx)),
                node.items().exchange()::origin));
    }

    private static int offset(Context ctx) {
        int offset = Bodies.intParam(ctx, "offset", 0);
        if (offset < 0 || offset > 10_000) {
            throw new InvalidInputException("PARAM_INVALID", "offset " + offset + " is outside 0..10000");
        }
        return offset;
    }

    private static int limit(Context ctx) {
        int limit = Bodies.intParam(ctx, "limit", 20);
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("PARAM_INVALID", "limit " + limit + " is outside 1..100");
        }
        return limit;
    }

    private void read(Context ctx, User user) {
        Optional<Purpose> purpose = Optional.ofNullable(ctx.queryParam("purpose")).filter(p -> !p.isBlank()).map(Purpose::of);
        Bodies.json(ctx, 200, ItemJson.view(node.items().read(user, ctx.pathParam("id"), purpose), true));
    }

    private void derive(Context ctx, User user) {
        ItemJson.DeriveRequest req = Bodies.read(ctx, ItemJson.DeriveRequest.class, limit());
        List<String> sources = new java.util.ArrayList<>();
        sources.add(ctx.pathParam("id"));
        if (req.sources() != null) {
            sources.addAll(req.sources());
        }
        String kind = req.kind() == null ? "copy" : req.kind();
        String title = req.title() == null ? kind + " of " + ctx.pathParam("id") : req.title();
        ItemView v = node.items().copies().derive(user, sources, kind, title, Optional.ofNullable(req.text()), req.location() == null
                ? "registry" : req.location());
        Bodies.json(ctx, 201, ItemJson.view(v, false));
    }

    private void reclassify(Context ctx, User user) {
        ItemJson.ReclassifyRequest req = Bodies.read(ctx, ItemJson.ReclassifyRequest.class, limit());
        if (req.classification() == null) {
            throw new InvalidInputException("LEVEL_MISSING", "field classification is required");
        }
        List<String> changed = federation.isPresent()
                ? federation.get().propagation().reclassify(user, ctx.pathParam("id"), req.classification(), req.reason())
                : node.items().reclassification().reclassify(user, ctx.pathParam("id"), req.classification(), req.reason());
        federation.ifPresent(io.liaison.federation.Federation::wake);
        Bodies.json(ctx, 200, Map.of("reclassified", changed, "classification", req.classification()));
    }

    private void destroy(Context ctx, User user) {
        ItemJson.DestroyRequest req = Bodies.read(ctx, ItemJson.DestroyRequest.class, limit());
        DestructionCertificate c = federation.isPresent()
                ? federation.get().incidents().destroy(user, ctx.pathParam("id"), req.reason())
                : node.items().destruction().destroy(user, ctx.pathParam("id"), req.reason());
        federation.ifPresent(io.liaison.federation.Federation::wake);
        Bodies.json(ctx, 200, ItemJson.certificate(c));
    }

    private void inventory(Context ctx, User user) {
        Bodies.json(ctx, 200, Map.of("item", ctx.pathParam("id"), "custody",
                ItemJson.custody(node.items().inventory(user, ctx.pathParam("id")))));
    }

    private void transfer(Context ctx, User user) {
        ItemJson.TransferRequest req = Bodies.read(ctx, ItemJson.TransferRequest.class, limit());
        node.items().transfer(user, ctx.pathParam("id"), req.custodian(), req.location());
        Bodies.json(ctx, 200, Map.of("item", ctx.pathParam("id"), "custodian", req.custodian(), "location", req.location()));
    }

    private void search(Context ctx, User user) {
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 1000) {
            throw new InvalidInputException("QUERY_TOO_LONG", "a search has at most 1000 characters, not " + q.length());
        }
        io.liaison.node.search.Refinement refinement = io.liaison.node.search.Refinement.of(ctx.queryParam("level"),
                ctx.queryParam("purpose"), ctx.queryParam("originator"));
        Bodies.json(ctx, 200, ItemJson.page(node.items().search(user, q, refinement, offset(ctx), limit(ctx)),
                node.items().exchange()::origin));
    }
}
