package io.liaison.node.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 7468 PEM text: one labelled block of base64 DER. Encoding uses 64-character lines; decoding tolerates
 * CRLF line ends and text around the block, as written by OpenSSL.
 */
final class Pem {
    private static final Base64.Encoder ENCODER =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    static byte[] encode(String label, byte[] der) {
        String text = "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label
                + "-----\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the DER of the first block labelled {@code label}.
     *
     * @param source names the input in messages, e.g. "key file /etc/liaison/node.key"
     * @throws CryptoException if there is no such block or its body is not base64; the message never quotes the
     *     body, which may be a private key
     */
    static byte[] decode(String label, byte[] pem, String source) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = text.indexOf(begin);
        int stop = start < 0 ? -1 : text.indexOf(end, start + begin.length());
        if (stop < 0) {
            throw new CryptoException(source + " holds no PEM block labelled '" + label + "'");
        }
        String body = text.substring(start + begin.length(), stop).replaceAll("[\\r\\n\\t ]", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            if (der.length == 0) {
                throw new CryptoException(source + " has an empty PEM block labelled '" + label + "'");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new CryptoException(source + " has a PEM block labelled '" + label + "' that is not valid base64");
        }
    }
}
