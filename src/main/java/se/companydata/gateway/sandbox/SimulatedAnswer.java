package se.companydata.gateway.sandbox;

/** What a simulated producer answers, before faults and latency are applied. */
record SimulatedAnswer(int status, String contentType, Object body, SandboxCompany subject) {

    static SimulatedAnswer json(Object body, SandboxCompany subject) {
        return new SimulatedAnswer(200, "application/json", body, subject);
    }

    static SimulatedAnswer problem(int status, String title, String detail) {
        return new SimulatedAnswer(status, "application/problem+json",
                java.util.Map.of("type", "about:blank", "title", title, "status", status, "detail", detail), null);
    }
}
