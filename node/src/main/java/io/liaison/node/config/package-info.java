/** Node configuration, validated at start. */
package io.liaison.node.config;
