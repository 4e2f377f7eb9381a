package io.liaison.node;
