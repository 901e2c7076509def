package dev.loupe.engine.audit;

import java.util.List;

/**
 * Everything {@link DatasetAuditor} found, ordered by kind, with the size of what it looked at.
 *
 * @param decoded how many images were decoded whole; the others had been before (their features are cached), so
 *                only their headers were read
 */
public record AuditReport(int classCount, int imageCount, int decoded, List<AuditFinding> findings) {

    public AuditReport {
        findings = List.copyOf(findings);
    }

    public boolean isClean() {
        return findings.isEmpty();
    }
}
