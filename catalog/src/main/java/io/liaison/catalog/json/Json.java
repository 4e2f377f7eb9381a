package io.liaison.catalog.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import java.io.IOException;

/**
 * One strictly configured JSON mapper: unknown fields, duplicate keys, trailing tokens and oversized input are
 * refused, and so is text that is not well-formed Unicode (an unpaired surrogate) or holds a NUL.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("liaison-text")
                    .addDeserializer(String.class, new WellFormedText())
                    .addSerializer(AgreementId.class, new AgreementIdText())
                    .addDeserializer(AgreementId.class, new AgreementIdParser()))
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(64 << 20).build());
    }

    private Json() {}

    /** An agreement id is written as its text. */
    private static final class AgreementIdText extends com.fasterxml.jackson.databind.ser.std.StdScalarSerializer<AgreementId> {
        AgreementIdText() {
            super(AgreementId.class);
        }

        @Override
        public void serialize(AgreementId value, com.fasterxml.jackson.core.JsonGenerator g,
                com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
            g.writeString(value.value());
        }
    }

    /** An agreement id is read from its text and checked as the type checks it. */
    private static final class AgreementIdParser
            extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<AgreementId> {
        AgreementIdParser() {
            super(AgreementId.class);
        }

        @Override
        public AgreementId deserialize(com.fasterxml.jackson.core.JsonParser p,
                com.fasterxml.jackson.databind.DeserializationContext ctx) throws java.io.IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (AgreementId) ctx.handleUnexpectedToken(AgreementId.class, p);
            }
            try {
                return AgreementId.of(p.getText());
            } catch (io.liaison.core.error.InvalidInputException e) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), p.getText(),
                        AgreementId.class);
            }
        }
    }

    /** Strings as Jackson reads them, then checked: well-formed UTF-16 (no unpaired surrogate) and no NUL. */
    private static final class WellFormedText extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<String> {
        WellFormedText() {
            super(String.class);
        }

        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser p,
                com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            String s = com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null) {
                requireWellFormed(s);
            }
            return s;
        }
    }

    /** Refuses text with an unpaired surrogate or a NUL, naming the position. */
    public static void requireWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new InvalidInputException("TEXT_INVALID", "the text holds a NUL character at position " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException("TEXT_INVALID", "the text holds an unpaired surrogate at position " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException("TEXT_INVALID", "the text holds an unpaired surrogate at position " + i);
            }
        }
    }

    /** Parses {@code bytes} as {@code type}, refusing more than {@code maxBytes}; errors name the source. */
    public static <T> T read(byte[] bytes, Class<T> type, String source, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new InvalidInputException("JSON_TOO_LARGE", source + ": " + bytes.length
                    + " bytes is over the limit of " + maxBytes + " bytes");
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new InvalidInputException("JSON_INVALID", source + ": the document is empty (null)");
            }
            return value;
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae && cause.getMessage() != null) {
                throw new InvalidInputException("JSON_INVALID", source + ": " + where(e) + iae.getMessage());
            }
            if (cause instanceof InvalidInputException iie) {
                throw new InvalidInputException(iie.code(), source + ": " + where(e) + iie.getMessage());
            }
            throw new InvalidInputException("JSON_INVALID", source + ": " + where(e) + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("JSON_INVALID", source + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("JSON_INVALID", source + ": cannot be read: " + e.getMessage());
        }
    }

    private static String where(JsonMappingException e) {
        String path = e.getPathReference();
        if (path == null || path.isEmpty()) {
            return "";
        }
        return "at " + path.replaceAll("[a-zA-Z0-9_.$]+\\[", "[") + ": ";
    }

    /**
     * The mapper's writer without indentation, made once (a writer made per call looked its serializers up again).
     * Writing bytes, it keeps a character beyond the BMP as its four UTF-8 bytes, as the text's UTF-8 has it, not as
     * two escaped surrogates: signed bodies and stored items' bindings are the same bytes either way.
     */
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = MAPPER.writer()
            .without(SerializationFeature.INDENT_OUTPUT)
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    /** One line, no indentation: for storage and canonical forms. */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** {@link #compact} as UTF-8 bytes, written straight to bytes: for bodies that are signed, sent or digested. */
    public static byte[] compactBytes(Object value) {
        try {
            return COMPACT.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
