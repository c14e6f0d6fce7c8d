package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.th.geo.GeoIp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's picture of communications: a world map with a coloured dot per remote address and
 * direction (the dot's size grows with the connections), placed by the rows' own Latitude and
 * Longitude when they carry them (communications do when the GeoIP database is installed), else
 * by a {@link Geo} (a hunter's table, which may place private networks, then the GeoIP database,
 * which places public addresses only). The addresses that have no place are listed in a table under it, with the reason;
 * a map with DB-IP's places credits DB-IP.
 */
public final class MapChart {
    static final Map<String, String> COLOURS = Map.of("Outgoing", "#d9480f", "Incoming", "#1c7ed6", "", "#7048e8");

    private MapChart() {
    }

    private static final class Remote {
        final String ip;
        final String direction;
        final String status;
        long times;
        final Set<String> processes = new LinkedHashSet<>();
        final Set<String> ports = new LinkedHashSet<>();
        Geo.Place place;

        Remote(String ip, String direction, String status) {
            this.ip = ip;
            this.direction = direction;
            this.status = status;
        }
    }

    public static List<Section> of(String title, RowSet rows, Geo geo) {
        Map<String, Remote> remotes = new LinkedHashMap<>();
        for (Map<String, Object> r : rows.rows()) {
            String ip = RowSet.text(r, "RemoteIp");
            if (ip == null || ip.isBlank()) {
                continue;
            }
            String dir = RowSet.text(r, "Direction") == null ? "" : RowSet.text(r, "Direction");
            Remote x = remotes.computeIfAbsent(ip + "|" + dir, k -> new Remote(ip, dir, RowSet.text(r, "Ipv4Status")));
            x.times += r.get("Times") instanceof Number n ? n.longValue() : 1;
            add(x.processes, RowSet.text(r, "ParentFilename"));
            add(x.ports, RowSet.text(r, "RemotePort"));
            if (x.place == null && r.get("Latitude") instanceof Number lat && r.get("Longitude") instanceof Number lon) {
                // TH's communications carry these columns from the GeoIP database (DB-IP) only
                x.place = new Geo.Place(lat.doubleValue(), lon.doubleValue(), label(r), true);
            }
            if (x.place == null) {
                x.place = geo.locate(ip); // a hunter's table may place private networks (sites); the database never does
            }
        }
        Map<String, ArrayNode> byDirection = new LinkedHashMap<>();
        List<Map<String, Object>> unplaced = new ArrayList<>();
        int placed = 0;
        int privateCount = 0;
        boolean dbIp = false;
        for (Remote x : remotes.values()) {
            if (x.place == null) {
                boolean priv = "Private".equalsIgnoreCase(x.status);
                privateCount += priv ? 1 : 0;
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("RemoteIp", x.ip);
                u.put("Direction", x.direction);
                u.put("Ipv4Status", x.status);
                u.put("Times", x.times);
                u.put("Processes", String.join(", ", x.processes));
                u.put("RemotePorts", String.join(", ", x.ports));
                u.put("Why not on the map", priv ? "private address" : geo.isEmpty() && !dbIp ? "no GeoIP database (th geoip install)"
                        : "no location in the geo data");
                unplaced.add(u);
                continue;
            }
            placed++;
            dbIp |= x.place.dbIp();
            ObjectNode d = byDirection.computeIfAbsent(x.direction, k -> Json.array()).addObject();
            d.put("name", x.ip);
            ArrayNode v = d.putArray("value");
            v.add(x.place.longitude()).add(x.place.latitude()).add(x.times);
            d.put("symbolSize", Math.round(6 + 3 * Math.log(x.times) / Math.log(2)));
            ArrayNode tip = d.putArray("tip");
            tip.add(x.ip + (x.place.label().isEmpty() ? "" : " (" + x.place.label() + ")"));
            tip.add((x.direction.isEmpty() ? "" : x.direction + ", ") + x.times + (x.times == 1 ? " connection" : " connections"));
            tip.add("processes: " + String.join(", ", first(x.processes, 5)));
            tip.add("remote ports: " + String.join(", ", first(x.ports, 8)));
        }
        ObjectNode option = Json.object();
        ObjectNode g = option.putObject("geo");
        g.put("map", "world");
        g.put("roam", true);
        g.putObject("itemStyle").put("areaColor", "#e3e7ee").put("borderColor", "#9aa3b2");
        g.putObject("emphasis").putObject("itemStyle").put("areaColor", "#cfd6e2");
        g.putObject("emphasis").putObject("label").put("show", false);
        option.putObject("tooltip").put("trigger", "item");
        ArrayNode legend = option.putObject("legend").putArray("data");
        ArrayNode series = option.putArray("series");
        for (Map.Entry<String, ArrayNode> e : byDirection.entrySet()) {
            String name = e.getKey().isEmpty() ? "Connections" : e.getKey();
            legend.add(name);
            ObjectNode s = series.addObject();
            s.put("name", name);
            s.put("type", "scatter");
            s.put("coordinateSystem", "geo");
            s.putObject("itemStyle").put("color", COLOURS.getOrDefault(e.getKey(), "#7048e8")).put("opacity", 0.85);
            s.set("data", e.getValue());
        }
        int total = remotes.size();
        String note;
        if (total == 0) {
            note = "No communications in this answer.";
            option.putArray("graphic").addObject().put("type", "text").put("left", "center").put("top", "middle")
                    .putObject("style").put("text", "No communications").put("fontSize", 18).put("fill", "#555d6b");
        } else {
            int publicUnplaced = total - placed - privateCount;
            String where;
            if (geo.isEmpty() && !dbIp) {
                where = " (" + geo.missing() + ")";
            } else {
                String table = geo.source() != null ? geo.source() : geo.hasTable() ? "the geo table" : null;
                where = " in " + (table == null ? "the GeoIP database" : table + (geo.hasDatabase() || dbIp ? " or the GeoIP database" : ""));
            }
            note = placed + " of " + total + " remote addresses (per direction) on the map; "
                    + privateCount + " private, " + publicUnplaced + " public without a location"
                    + where
                    + ". Dot size grows with the number of connections."
                    + (dbIp ? " " + GeoIp.CREDIT + "." : "");
        }
        List<Section> out = new ArrayList<>();
        ObjectNode body = Json.object();
        body.set("option", option);
        out.add(new Section("map", title, note, body));
        if (!unplaced.isEmpty()) {
            unplaced.sort((a, b) -> Long.compare((Long) b.get("Times"), (Long) a.get("Times")));
            out.add(TableView.of("Remote addresses not on the map",
                    List.of("RemoteIp", "Direction", "Ipv4Status", "Times", "Processes", "RemotePorts", "Why not on the map"),
                    unplaced, 200));
        }
        return out;
    }

    /** "City, CC" of a row that carries the GeoIP columns. */
    private static String label(Map<String, Object> r) {
        String city = RowSet.text(r, "City");
        String country = RowSet.text(r, "Country");
        return city == null || city.isBlank() ? country == null ? "" : country : country == null ? city : city + ", " + country;
    }

    private static void add(Set<String> set, String v) {
        if (v != null && !v.isBlank()) {
            set.add(v);
        }
    }

    private static List<String> first(Set<String> s, int n) {
        List<String> out = new ArrayList<>();
        for (String v : s) {
            if (out.size() == n) {
                out.add("... (" + s.size() + " in all)");
                break;
            }
            out.add(v);
        }
        return out;
    }
}
