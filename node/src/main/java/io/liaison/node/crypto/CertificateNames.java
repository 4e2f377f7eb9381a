package io.liaison.node.crypto;

import io.liaison.core.party.Party;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/** Validation and construction of the names in party CA and node certificates. */
final class CertificateNames {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private CertificateNames() {
    }

    /** Checks a party code with the same rule as {@link Party}, reported as a {@link CryptoException}. */
    static String party(String party) {
        try {
            return Party.of(party).code();
        } catch (IllegalArgumentException e) {
            throw new CryptoException(e.getMessage(), e);
        }
    }

    static String nodeName(String nodeName) {
        if (nodeName == null || !NODE_NAME.matcher(nodeName).matches()) {
            throw new CryptoException("node name '" + nodeName + "' is invalid: use 1 to 64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        return nodeName;
    }

    // Organization before common name in DER order, which RFC 4514 prints as "CN=..., O=...".
    static X500Name subject(String commonName, String party) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, party).addRDN(BCStyle.CN, commonName).build();
    }

    static X500Name name(X500Principal principal) {
        return X500Name.getInstance(principal.getEncoded());
    }

    /** The organization (party) of a certificate name, or null if it has none. */
    static String organization(X500Principal principal) {
        RDN[] rdns = name(principal).getRDNs(BCStyle.O);
        return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
    }

    /** Builds the subjectAltName; a node certificate needs at least one name, or no peer could check it. */
    static GeneralNames subjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName(dns)));
        }
        for (String ip : ipAddresses) {
            if (ip == null || !IPAddress.isValid(ip)) {
                throw new CryptoException("IP address '" + ip + "' is not an IPv4 or IPv6 address");
            }
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (names.isEmpty()) {
            throw new CryptoException("a node certificate needs at least one DNS name or IP address");
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static String dnsName(String dns) {
        boolean valid = dns != null && !dns.isEmpty() && dns.length() <= 253;
        if (valid) {
            for (String label : dns.split("\\.", -1)) {
                valid &= DNS_LABEL.matcher(label).matches();
            }
        }
        if (!valid) {
            throw new CryptoException("DNS name '" + dns + "' is not a valid host name");
        }
        return dns;
    }
}
