package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.component.OutputSocket;

/**
 * A connection from a sender's output socket to a receiver's input socket, with the value
 * conversion it applies (null when the types match as they are).
 */
record Edge(String sender, OutputSocket from, String receiver, InputSocket to, Conversion conversion) {
    String senderAddress() {
        return sender + "." + from.name();
    }

    String receiverAddress() {
        return receiver + "." + to.name();
    }
}
