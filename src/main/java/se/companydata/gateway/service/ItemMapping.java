package se.companydata.gateway.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/**
 * Which producer answers for each item ({@code gateway.items.producer."UDxxxx"}), checked at start-up:
 * every item must be mapped, to a producer whose wire format carries it.
 */
@Startup
@ApplicationScoped
public class ItemMapping {

    private final Map<UdItem, Source> sources = new EnumMap<>(UdItem.class);

    ItemMapping(GatewayConfig config) {
        List<String> problems = new ArrayList<>();
        for (var entry : config.items().producer().entrySet()) {
            if (UdItem.find(entry.getKey()).filter(i -> i.name().equals(entry.getKey())).isEmpty()) {
                problems.add("gateway.items.producer.\"" + entry.getKey() + "\": not a UD item code");
            }
        }
        for (UdItem item : UdItem.values()) {
            Producer producer = config.items().producer().get(item.name());
            if (producer == null) {
                problems.add("gateway.items.producer.\"" + item.name() + "\" is missing: every item needs its primary producer");
                continue;
            }
            Source source = Source.of(producer, item);
            if (source == null) {
                problems.add("gateway.items.producer.\"" + item.name() + "\"=" + producer + ": " + producer
                        + "'s answer does not carry " + item.name() + " (" + item.alias() + ")");
                continue;
            }
            sources.put(item, source);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid item-to-producer mapping:\n  " + String.join("\n  ", problems));
        }
    }

    public Source sourceOf(UdItem item) {
        return sources.get(item);
    }

    public Producer producerOf(UdItem item) {
        return sources.get(item).producer();
    }

    public Set<Source> sourcesFor(Set<UdItem> items) {
        var needed = EnumSet.noneOf(Source.class);
        for (UdItem item : items) {
            needed.add(sources.get(item));
        }
        return needed;
    }
}
