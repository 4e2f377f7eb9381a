package io.liaison.node.items;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An item's content (text and attachments) as the bytes that are encrypted, digested and signed. */
record Content(String text, List<Attachment> attachments) {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    Content {
        attachments = List.copyOf(attachments);
    }

    byte[] bytes() {
        List<Map<String, String>> files = new ArrayList<>();
        for (Attachment a : attachments) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("name", a.name());
            f.put("mediaType", a.mediaType());
            f.put("data", Base64.getEncoder().encodeToString(a.data()));
            files.add(f);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("attachments", files);
        return Json.compactBytes(m);
    }

    @SuppressWarnings("unchecked")
    static Content parse(byte[] bytes) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(bytes, MAP);
            List<Attachment> files = new ArrayList<>();
            for (Map<String, String> f : (List<Map<String, String>>) m.get("attachments")) {
                files.add(new Attachment(f.get("name"), f.get("mediaType"), Base64.getDecoder().decode(f.get("data"))));
            }
            return new Content((String) m.get("text"), files);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("decrypted content is not well formed", e);
        }
    }

    static String sha384(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
