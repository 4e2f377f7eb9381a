package io.liaison.node.items;

/** The signed record that an item's key was deleted (R13): the JSON text and the node's signature (hex). */
public record DestructionCertificate(String itemId, String certificate, String signature, String keyId) {}
