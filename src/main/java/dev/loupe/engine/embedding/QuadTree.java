package dev.loupe.engine.embedding;

import java.util.Arrays;

/**
 * A point quadtree over a 2-D layout, rebuilt every t-SNE iteration, for Barnes-Hut repulsion: a cell that looks
 * small from a point ({@code cell width / distance < theta}) acts as one body at its centre of mass. Nodes live in
 * parallel arrays rather than objects so a rebuild of 10,000 points allocates almost nothing and walks stay in cache.
 */
final class QuadTree {

    private static final int MAX_DEPTH = 48;

    private int nodes;
    private double[] cx;
    private double[] cy;
    private double[] half;
    private double[] sumX;
    private double[] sumY;
    private int[] count;
    private int[] firstChild;
    private int[] point;
    private double[] pos;

    QuadTree(int capacity) {
        grow(Math.max(16, capacity * 2));
    }

    /** Rebuilds the tree over {@code y} (x0, y0, x1, y1, ... interleaved). */
    void build(double[] y, int n) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        nodes = 0;
        pos = y;
        double h = Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-6) + 1e-12;
        newNode((minX + maxX) / 2, (minY + maxY) / 2, h);
        for (int i = 0; i < n; i++) {
            insert(i, y[2 * i], y[2 * i + 1]);
        }
    }

    private void insert(int i, double x, double y) {
        int node = 0;
        for (int depth = 0; ; depth++) {
            sumX[node] += x;
            sumY[node] += y;
            count[node]++;
            if (firstChild[node] < 0) {
                if (count[node] == 1) {
                    point[node] = i;
                    return;
                }
                double px = pos[2 * point[node]];
                double py = pos[2 * point[node] + 1];
                if (depth >= MAX_DEPTH || (px == x && py == y)) {
                    return; // duplicates share a leaf
                }
                split(node, point[node], px, py);
            }
            node = childFor(node, x, y);
        }
    }

    /** Turns a leaf holding one point into four children and moves that point down. */
    private void split(int node, int existing, double px, double py) {
        double h = half[node] / 2;
        int first = nodes;
        newNode(cx[node] - h, cy[node] - h, h);
        newNode(cx[node] + h, cy[node] - h, h);
        newNode(cx[node] - h, cy[node] + h, h);
        newNode(cx[node] + h, cy[node] + h, h);
        firstChild[node] = first;
        point[node] = -1;
        int c = childFor(node, px, py);
        sumX[c] = px;
        sumY[c] = py;
        count[c] = 1;
        point[c] = existing;
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
        sumX[nodes] = 0;
        sumY[nodes] = 0;
        count[nodes] = 0;
        firstChild[nodes] = -1;
        point[nodes] = -1;
        nodes++;
    }

    /**
     * One thread's scratch for walking the tree: the walks of different points only read the tree, so the cores can
     * share it, each with its own stack and result.
     */
    static final class Walker {
        private int[] stack = new int[256];
        final double[] force = new double[2];
    }

    /**
     * Puts the repulsion on point i at (x, y) into {@code walker.force} (unnormalised: sum of q^2 (y_i - y_j)) and
     * returns its share of the normalisation Z (sum of q over j != i).
     */
    double repulsion(int i, double x, double y, double theta, Walker walker) {
        int[] stack = walker.stack;
        double z = 0;
        double fx = 0;
        double fy = 0;
        double theta2 = theta * theta;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int c = count[node];
            if (c == 0) {
                continue;
            }
            double dx = x - sumX[node] / c;
            double dy = y - sumY[node] / c;
            double d2 = dx * dx + dy * dy;
            boolean leaf = firstChild[node] < 0;
            double width = 2 * half[node];
            if (leaf || width * width < theta2 * d2) {
                if (leaf && (point[node] == i || d2 == 0)) {
                    c--; // the point itself (and exact duplicates push with zero force anyway)
                }
                double q = 1 / (1 + d2);
                z += c * q;
                double m = c * q * q;
                fx += m * dx;
                fy += m * dy;
            } else {
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                    walker.stack = stack;
                }
                int f = firstChild[node];
                stack[top++] = f;
                stack[top++] = f + 1;
                stack[top++] = f + 2;
                stack[top++] = f + 3;
            }
        }
        walker.force[0] = fx;
        walker.force[1] = fy;
        return z;
    }

    private void grow(int capacity) {
        cx = cx == null ? new double[capacity] : Arrays.copyOf(cx, capacity);
        cy = cy == null ? new double[capacity] : Arrays.copyOf(cy, capacity);
        half = half == null ? new double[capacity] : Arrays.copyOf(half, capacity);
        sumX = sumX == null ? new double[capacity] : Arrays.copyOf(sumX, capacity);
        sumY = sumY == null ? new double[capacity] : Arrays.copyOf(sumY, capacity);
        count = count == null ? new int[capacity] : Arrays.copyOf(count, capacity);
        firstChild = firstChild == null ? new int[capacity] : Arrays.copyOf(firstChild, capacity);
        point = point == null ? new int[capacity] : Arrays.copyOf(point, capacity);
    }
}
