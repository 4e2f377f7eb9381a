package io.liaison.core.hotline;

/**
 * Disjoint sets over {@code 0 … n-1}, for grouping the views that are one object (a missile, a vessel): each set is
 * named by its smallest member, so groups come out in a stable order.
 */
public final class UnionFind {
    private final int[] parent;

    public UnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    /** The smallest member of {@code i}'s set. */
    public int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins the sets of {@code a} and {@code b}. */
    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
