package dev.loupe.engine.embedding;

import java.util.Arrays;

/**
 * A point quadtree over a 2-D layout, rebuilt every t-SNE iteration, for Barnes-Hut repulsion: a cell that looks
 * small ({@code cell width / distance < theta}) acts as one body at its centre of mass. Nodes live in arrays rather
 * than objects so a rebuild allocates almost nothing; what a walk reads of a node (centre of mass, point count,
 * squared width) sits side by side in one array, so a visit costs one cache line, not one per field. Nearby points
 * walk the tree together as a group ({@link #repelGroup}).
 */
final class QuadTree {

    private static final int MAX_DEPTH = 48;
    private static final int STRIDE = 4;
    /** Points per group that share one walk: 8 and 32 were slower on the 10,000 Fashion-MNIST test images. */
    static final int GROUP = 16;

    private int nodes;
    /** Per node: centre of mass x, y, number of points, squared cell width, in float (half the bytes to read). */
    private float[] body;
    /** Per node: the sums of its points' x and y, in double, from which the build takes the centres of mass. */
    private double[] sums;
    private int[] firstChild;
    /** A leaf's points as a chain: {@code point[leaf]} the first, {@code next[p]} the one after p, -1 at the end. */
    private int[] point;
    private int[] next = new int[0];
    /** Points in depth-first order, and where each node's points begin in it: a node's points are one run. */
    private int[] order = new int[0];
    private int[] start;
    /**
     * Nodes of at most {@link #GROUP} points (or leaves of more identical points) whose parent has more: together they
     * hold every point once.
     */
    private int[] groups = new int[16];
    private int groupCount;
    /** Cell centres and half widths: only the build reads them. */
    private double[] cx;
    private double[] cy;
    private double[] half;
    private float[] pos;

    QuadTree(int capacity) {
        grow(Math.max(16, capacity * 2));
    }

    /** Rebuilds the tree over {@code y} (x0, y0, x1, y1, ... interleaved). */
    void build(float[] y, int n) {
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        nodes = 0;
        pos = y;
        if (next.length < n) {
            next = new int[n];
            order = new int[n];
        }
        double h = Math.max((double) maxX - minX, (double) maxY - minY) / 2 * (1 + 1e-6) + 1e-12;
        newNode(((double) minX + maxX) / 2, ((double) minY + maxY) / 2, h);
        for (int i = 0; i < n; i++) {
            insert(i, y[2 * i], y[2 * i + 1]);
        }
        centresOfMass();
        number();
    }

    /**
     * Each node's centre of mass, summed bottom-up (a node's children come after it in the arrays) in the tree's own
     * order rather than in the order the points were inserted: the tree, hence the map, does not depend on how the
     * points are numbered ({@link Tsne} renumbers them as the map forms).
     */
    private void centresOfMass() {
        for (int node = nodes - 1; node >= 0; node--) {
            int b = node * STRIDE;
            double sx = 0;
            double sy = 0;
            int first = firstChild[node];
            if (first < 0) {
                for (int p = point[node]; p >= 0; p = next[p]) {
                    sx += pos[2 * p];
                    sy += pos[2 * p + 1];
                }
            } else {
                for (int child = first; child < first + 4; child++) {
                    sx += sums[2 * child];
                    sy += sums[2 * child + 1];
                }
            }
            sums[2 * node] = sx;
            sums[2 * node + 1] = sy;
            float c = body[b + 2];
            if (c > 0) {
                body[b] = (float) (sx / c); // one point: exactly where it is
                body[b + 1] = (float) (sy / c);
            }
        }
    }

    /** The points in the tree's depth-first order, in which nearby points are mostly next to each other. */
    int[] order(int n) {
        return Arrays.copyOf(order, n);
    }

    private void insert(int i, float x, float y) {
        int node = 0;
        for (int depth = 0; ; depth++) {
            int b = node * STRIDE;
            float before = body[b + 2];
            body[b + 2] = before + 1;
            if (firstChild[node] < 0) {
                if (before == 0) {
                    point[node] = i;
                    next[i] = -1;
                    return;
                }
                int head = point[node];
                float px = pos[2 * head];
                float py = pos[2 * head + 1];
                if (depth >= MAX_DEPTH || (px == x && py == y)) {
                    next[i] = head; // duplicates (and points past the depth limit) share a leaf
                    point[node] = i;
                    return;
                }
                split(node, head, before, px, py);
            }
            node = childFor(node, x, y);
        }
    }

    /** Turns a leaf (one point, or duplicates of it) into four children and moves its points down. */
    private void split(int node, int head, float count, float px, float py) {
        double h = half[node] / 2;
        int first = nodes;
        newNode(cx[node] - h, cy[node] - h, h);
        newNode(cx[node] + h, cy[node] - h, h);
        newNode(cx[node] - h, cy[node] + h, h);
        newNode(cx[node] + h, cy[node] + h, h);
        firstChild[node] = first;
        point[node] = -1;
        int c = childFor(node, px, py);
        body[c * STRIDE + 2] = count;
        point[c] = head;
    }

    private int childFor(int node, double x, double y) {
        return firstChild[node] + (x >= cx[node] ? 1 : 0) + (y >= cy[node] ? 2 : 0);
    }

    private void newNode(double x, double y, double h) {
        if (nodes == cx.length) {
            grow(nodes * 2);
        }
        cx[nodes] = x;
        cy[nodes] = y;
        half[nodes] = h;
        int b = nodes * STRIDE;
        body[b] = 0;
        body[b + 1] = 0;
        body[b + 2] = 0;
        body[b + 3] = (float) (4 * h * h);
        firstChild[nodes] = -1;
        point[nodes] = -1;
        nodes++;
    }

    /** Lays the points out depth-first, so each node's points are one run of {@code order}, and picks the groups. */
    private void number() {
        if (start == null || start.length < nodes) {
            start = new int[cx.length];
        }
        groupCount = 0;
        int[] stack = new int[8 * MAX_DEPTH + 16];
        int top = 0;
        int at = 0;
        stack[top++] = 0; // node * 2 + 1 once inside a group
        while (top > 0) {
            int entry = stack[--top];
            int node = entry >> 1;
            boolean inGroup = (entry & 1) != 0;
            start[node] = at;
            int c = (int) body[node * STRIDE + 2];
            if (c == 0) {
                continue;
            }
            int first = firstChild[node];
            // A leaf of more than GROUP identical points is a group too (it had no repulsion before issue 21).
            if (!inGroup && (c <= GROUP || first < 0)) {
                if (groupCount == groups.length) {
                    groups = Arrays.copyOf(groups, groupCount * 2);
                }
                groups[groupCount++] = node;
                inGroup = true;
            }
            if (first < 0) {
                for (int p = point[node]; p >= 0; p = next[p]) {
                    order[at++] = p;
                }
            } else {
                for (int child = 3; child >= 0; child--) {
                    stack[top++] = (first + child) * 2 + (inGroup ? 1 : 0);
                }
            }
        }
    }

    int groups() {
        return groupCount;
    }

    /**
     * One thread's scratch for walking the tree: the walks only read the tree, so the cores can share it, each with
     * its own stack and list of bodies.
     */
    static final class Walker {
        private int[] stack = new int[256];
        private float[] bodies = new float[3 * 512];
    }

    /**
     * The repulsion on every point of group {@code g}, unnormalised (sum over j of q^2 (y_i - y_j)), written as
     * minus itself into {@code grad}; returns the group's share of the normalisation Z (sum of q over pairs i != j).
     * The group's points share one walk: a cell acts as one body when it looks small from anywhere in the group's
     * bounding box, a stricter test than from each point, and the points then sum the same list of bodies in a tight
     * loop (Barnes 1990). The group's own points are bodies too, each its own, so within a group the sum is exact.
     */
    double repelGroup(int g, float theta, Walker walker, float[] grad) {
        int from = start[groups[g]];
        int to = from + (int) body[groups[g] * STRIDE + 2];
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) {
            int p = order[k];
            minX = Math.min(minX, pos[2 * p]);
            maxX = Math.max(maxX, pos[2 * p]);
            minY = Math.min(minY, pos[2 * p + 1]);
            maxY = Math.max(maxY, pos[2 * p + 1]);
        }
        int size = collect(groups[g], from, (minX + maxX) / 2, (minY + maxY) / 2, (maxX - minX) / 2,
                (maxY - minY) / 2, theta * theta, walker);
        float[] list = walker.bodies;
        double z = 0;
        for (int k = from; k < to; k++) {
            int p = order[k];
            float x = pos[2 * p];
            float y = pos[2 * p + 1];
            float zp = 0;
            float fx = 0;
            float fy = 0;
            for (int m = 0; m < 3 * size; m += 3) {
                float dx = x - list[m];
                float dy = y - list[m + 1];
                float q = 1 / (1 + dx * dx + dy * dy);
                float cq = list[m + 2] * q;
                zp += cq;
                fx += cq * q * dx;
                fy += cq * q * dy;
            }
            z += zp - 1; // the point itself: q = 1, no force
            grad[2 * p] = -fx;
            grad[2 * p + 1] = -fy;
        }
        return z;
    }

    /** Fills the walker's list with the bodies acting on group node {@code g}; returns how many. */
    private int collect(int g, int gStart, float gx, float gy, float hx, float hy, float theta2, Walker w) {
        int[] stack = w.stack;
        float[] list = w.bodies;
        int size = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int at = node * STRIDE;
            float c = body[at + 2];
            if (c == 0) {
                continue;
            }
            int first = firstChild[node];
            boolean open;
            if (node == g) {
                if (3 * (size + (int) c) > list.length) {
                    list = w.bodies = Arrays.copyOf(list, Math.max(list.length * 2, 3 * (size + (int) c)));
                }
                for (int k = gStart; k < gStart + (int) c; k++) {
                    int p = order[k];
                    list[3 * size] = pos[2 * p];
                    list[3 * size + 1] = pos[2 * p + 1];
                    list[3 * size++ + 2] = 1;
                }
                continue;
            } else if (start[node] <= gStart && gStart < start[node] + (int) c) {
                open = true; // an ancestor of the group: it holds the group's own points
            } else if (first < 0) {
                open = false;
            } else {
                float dx = Math.max(0, Math.abs(body[at] - gx) - hx);
                float dy = Math.max(0, Math.abs(body[at + 1] - gy) - hy);
                open = body[at + 3] >= theta2 * (dx * dx + dy * dy);
            }
            if (open) {
                if (top + 4 > stack.length) {
                    stack = w.stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top++] = first;
                stack[top++] = first + 1;
                stack[top++] = first + 2;
                stack[top++] = first + 3;
            } else {
                if (3 * size + 3 > list.length) {
                    list = w.bodies = Arrays.copyOf(list, list.length * 2);
                }
                list[3 * size] = body[at];
                list[3 * size + 1] = body[at + 1];
                list[3 * size++ + 2] = c;
            }
        }
        return size;
    }

    private void grow(int capacity) {
        body = body == null ? new float[capacity * STRIDE] : Arrays.copyOf(body, capacity * STRIDE);
        sums = sums == null ? new double[capacity * 2] : Arrays.copyOf(sums, capacity * 2);
        cx = cx == null ? new double[capacity] : Arrays.copyOf(cx, capacity);
        cy = cy == null ? new double[capacity] : Arrays.copyOf(cy, capacity);
        half = half == null ? new double[capacity] : Arrays.copyOf(half, capacity);
        firstChild = firstChild == null ? new int[capacity] : Arrays.copyOf(firstChild, capacity);
        point = point == null ? new int[capacity] : Arrays.copyOf(point, capacity);
    }
}
