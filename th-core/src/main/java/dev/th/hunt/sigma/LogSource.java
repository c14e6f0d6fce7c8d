package dev.th.hunt.sigma;

/** A rule's {@code logsource}: any part may be null. */
public record LogSource(String category, String product, String service) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (product != null) {
            b.append("product: ").append(product);
        }
        if (category != null) {
            b.append(b.length() > 0 ? ", " : "").append("category: ").append(category);
        }
        if (service != null) {
            b.append(b.length() > 0 ? ", " : "").append("service: ").append(service);
        }
        return b.toString();
    }
}
