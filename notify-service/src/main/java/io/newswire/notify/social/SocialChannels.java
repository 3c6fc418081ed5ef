package io.newswire.notify.social;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Every {@link SocialChannel} adapter in the application, by the network it speaks to. */
class SocialChannels {

    private final Map<Network, SocialChannel> byNetwork = new EnumMap<>(Network.class);

    SocialChannels(Collection<SocialChannel> channels) {
        for (SocialChannel channel : channels) {
            SocialChannel other = byNetwork.put(channel.network(), channel);
            if (other != null) {
                throw new IllegalStateException("Two adapters for " + channel.network() + ": "
                        + other.getClass().getSimpleName() + " and " + channel.getClass().getSimpleName());
            }
        }
    }

    Optional<SocialChannel> forNetwork(Network network) {
        return Optional.ofNullable(byNetwork.get(network));
    }

    boolean canEdit(Network network) {
        return forNetwork(network).map(SocialChannel::canEdit).orElse(false);
    }

    boolean canDelete(Network network) {
        return forNetwork(network).map(SocialChannel::canDelete).orElse(false);
    }
}
