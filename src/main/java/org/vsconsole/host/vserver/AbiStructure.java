package org.vsconsole.host.vserver;

import com.sun.jna.Structure;
import java.util.List;

/**
 * Base of the vserver syscall structures: exposes each field's offset so the layout test can
 * compare it with what gcc computes from {@code native/vserver_abi.h}.
 */
public abstract class AbiStructure extends Structure {

    /** The C name of the structure, as in the kernel headers and {@code native/vserver_abi.h}. */
    public abstract String cName();

    public List<String> fieldNames() {
        return List.copyOf(getFieldOrder());
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
