package dev.loupe.engine.audit;

import java.util.List;

/** Everything {@link DatasetAuditor} found, ordered by kind, with the size of what it looked at. */
public record AuditReport(int classCount, int imageCount, List<AuditFinding> findings) {

    public AuditReport {
        findings = List.copyOf(findings);
    }

    public boolean isClean() {
        return findings.isEmpty();
    }
}
