package dev.th.geo;

/**
 * Where a public address is, as the GeoIP database tells: the ISO 3166-1 alpha-2 country code,
 * the region (state or province) and city, the latitude and longitude of the city, and, when the
 * ASN table is installed, the autonomous system's number and owner. Any part may be null when
 * the database has none for the address.
 */
public record Place(String country, String region, String city, Double latitude, Double longitude, Long asn,
        String asOwner) {

    /** "City, Region, CC" with the parts the database has (may be empty). */
    public String label() {
        StringBuilder b = new StringBuilder();
        for (String s : new String[] {city, region, country}) {
            if (s != null && !s.isBlank() && (city == null || !s.equals(city) || b.isEmpty())) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    /** Whether the database placed the address (it has a latitude and longitude). */
    public boolean located() {
        return latitude != null && longitude != null;
    }
}
