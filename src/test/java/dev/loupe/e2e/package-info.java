/** End-to-end runs on real photos ({@code ../shared}) with the real bundled backbone. */
package dev.loupe.e2e;
