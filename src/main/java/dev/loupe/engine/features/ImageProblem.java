package dev.loupe.engine.features;

/** An image that could not be used, and why (e.g. {@code roses/x.jpg}, "truncated or corrupt JPEG data"). */
public record ImageProblem(String relativePath, String reason) {

    @Override
    public String toString() {
        return relativePath + ": " + reason;
    }
}
