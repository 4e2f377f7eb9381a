package io.liaison.catalog.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.liaison.core.error.InvalidInputException;
import java.io.IOException;

/** One strictly configured JSON mapper: unknown fields, trailing tokens and oversized input are refused. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
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

    /** One line, no indentation: for storage and canonical forms. */
    public static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
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
