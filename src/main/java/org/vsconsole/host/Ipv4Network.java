package org.vsconsole.host;

/**
 * An IPv4 network such as the guests' address pool {@code 10.88.0.0/24}. Its first host address
 * is the host's own end on the guests' bridge, their gateway.
 */
public record Ipv4Network(int network, int prefix) {

    public Ipv4Network {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32: " + prefix);
        }
        network &= mask(prefix);
    }

    /** @throws IllegalArgumentException naming the rule when {@code cidr} is not {@code a.b.c.d/n} */
    public static Ipv4Network parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.trim().split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
            throw new IllegalArgumentException("'" + cidr + "' must look like 10.88.0.0/24");
        }
        return new Ipv4Network(toInt(parts[0]), Integer.parseInt(parts[1]));
    }

    public boolean contains(String ip) {
        return contains(toInt(ip));
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public String gateway() {
        return toText(network + 1);
    }

    public String address() {
        return toText(network);
    }

    /** The broadcast address of {@code ip}'s own network of {@code prefix} bits. */
    public static String broadcast(String ip, int prefix) {
        return toText(toInt(ip) | ~mask(prefix));
    }

    @Override
    public String toString() {
        return toText(network) + "/" + prefix;
    }

    private static int mask(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** @throws IllegalArgumentException when {@code ip} is not a dotted IPv4 address */
    public static int toInt(String ip) {
        String[] octets = ip == null ? new String[0] : ip.trim().split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + ip + "' is not an IPv4 address");
        }
        int value = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("'" + ip + "' is not an IPv4 address");
            }
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    public static String toText(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
