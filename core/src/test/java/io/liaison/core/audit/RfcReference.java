package io.liaison.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A test oracle written as literally as possible from the recursive definitions of RFC 9162 2.1.1,
 * 2.1.3.1 and 2.1.4.1, over sublists of leaf hashes, to check the iterative production code against.
 */
final class RfcReference {
    private RfcReference() {}

    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return MerkleTree.emptyRoot();
        }
        if (n == 1) {
            return d.get(0);
        }
        int k = k(n);
        return MerkleTree.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = k(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    /**
     * Which side each sibling of leaf {@code m} sits on, nearest first (true = left), in a tree of
     * {@code n} leaves: the shape that alone ties an inclusion proof to an index and a size.
     */
    static List<Boolean> siblingSides(long m, long n) {
        List<Boolean> rootFirst = new ArrayList<>();
        while (n > 1) {
            long k = Long.highestOneBit(n - 1);
            rootFirst.add(m >= k);
            if (m < k) {
                n = k;
            } else {
                m -= k;
                n -= k;
            }
        }
        return rootFirst.reversed();
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }
}
